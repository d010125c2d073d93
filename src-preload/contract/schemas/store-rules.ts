/**
 * The rules of a store record, as plain functions: what a valid External ID, tag list and
 * opening-hours entry look like, which stores a group holds, and the directory's summary.
 * Main applies them to every add, edit and imported row; the renderer applies the same ones to
 * its form fields, so a field never passes in the form and fails in main.
 */
import {
  maxExternalIdLength,
  maxNameLength,
  maxNotesLength,
  maxTags,
  weekdays,
  type DirectorySummary,
  type GroupRule,
  type ImportField,
  type OpeningHours,
  type RowProblem,
  type StoreGroup,
  type StoreInput,
  type StoreRecord,
  type Weekday,
} from './stores.ts';
import { canonicalTimeZone, suggestTimeZone } from './store-time-zones.ts';

/** An External ID is one token: spaces, line breaks and control characters inside are typos. */
export function checkExternalId(raw: string): { id: string } | { problem: RowProblem } {
  const id = raw.trim();
  if (!id) {
    return {
      problem: { field: 'externalId', code: 'id_missing', message: 'The External ID is empty.' },
    };
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\s\u0000-\u001f\u007f]/.test(id)) {
    const what = /[\r\n]/.test(id) ? 'a line break' : 'a space';
    return {
      problem: {
        field: 'externalId',
        code: 'id_malformed',
        message: `The External ID “${id.replace(/\s+/g, ' ')}” has ${what} inside; Musique IDs have none.`,
      },
    };
  }
  if (id.length > maxExternalIdLength) {
    return {
      problem: {
        field: 'externalId',
        code: 'id_malformed',
        message: `The External ID is ${id.length} characters long; at most ${maxExternalIdLength}.`,
      },
    };
  }
  return { id };
}

/** `a, b; c | d` → `['a','b','c','d']`: spreadsheets separate lists every way. */
export function splitTags(raw: string | readonly string[]): string[] {
  const parts = typeof raw === 'string' ? raw.split(/[,;|]/) : raw.flatMap((t) => t.split(/[,;|]/));
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of parts) {
    const tag = part.trim().replace(/\s+/g, ' ');
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

const closedWords = new Set(['closed', 'fechado', 'encerrado', 'cerrado', 'x']);

function clock(raw: string): number | undefined {
  const match = /^(\d{1,2})(?:[:h.](\d{2}))?h?$/i.exec(raw.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * One day's hours in the stored form (`08:00-22:00`, `closed`), `''` for "not known", or
 * undefined when unreadable. Accepts `8h-22h`, `08:00 – 22:00`, `8:00 às 22:00`; a closing time
 * before the opening one means the store closes after midnight.
 */
function readDayHours(raw: string): string | undefined {
  const text = raw.trim().toLowerCase();
  if (!text) return '';
  if (closedWords.has(text)) return 'closed';
  const parts = text.split(/\s*[-–—]\s*|\s+(?:to|às|as|a|até)\s+/);
  if (parts.length !== 2) return undefined;
  const open = clock(parts[0]!);
  const close = clock(parts[1]!);
  if (open === undefined || close === undefined || open === close || open === 24 * 60) {
    return undefined;
  }
  return `${hhmm(open)}-${hhmm(close)}`;
}

// A store list repeats the same few hours thousands of times: each is read once.
const readHours = new Map<string, string | undefined>();

export function parseDayHours(raw: string): string | undefined {
  if (readHours.has(raw)) return readHours.get(raw);
  const parsed = readDayHours(raw);
  if (readHours.size < 5000) readHours.set(raw, parsed);
  return parsed;
}

/** Field problems of a whole record, or the record as it will be stored. */
export function checkStore(
  input: StoreInput,
): { ok: true; record: StoreRecord } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const id = checkExternalId(input.externalId);
  if ('problem' in id) problems.push(id.problem);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length > maxNameLength) {
    problems.push({
      field: 'name',
      code: 'name_too_long',
      message: `The name is ${name.length} characters long; at most ${maxNameLength}.`,
    });
  }
  const zone = checkTimeZone(input.timeZone);
  if ('problem' in zone) problems.push(zone.problem);
  const tags = splitTags(input.tags);
  if (tags.length > maxTags) {
    problems.push({
      field: 'tags',
      code: 'tags_invalid',
      message: `${tags.length} tags; a store has at most ${maxTags}.`,
    });
  }
  const hours: OpeningHours = {};
  for (const day of weekdays) {
    const raw = input.openingHours?.[day];
    if (raw === undefined) continue;
    const parsed = parseDayHours(raw);
    if (parsed === undefined) problems.push(hoursProblem(day, raw));
    else if (parsed) hours[day] = parsed;
  }
  const notes = input.notes?.trim() ?? '';
  if (notes.length > maxNotesLength) {
    problems.push({
      field: 'notes',
      code: 'notes_too_long',
      message: `The notes are ${notes.length} characters long; at most ${maxNotesLength}.`,
    });
  }
  if (problems.length || 'problem' in id || 'problem' in zone) return { ok: false, problems };
  return {
    ok: true,
    record: {
      externalId: id.id,
      // A store without a name is shown by its ID rather than as a blank row.
      name: name || id.id,
      region: input.region.trim().replace(/\s+/g, ' '),
      tags,
      timeZone: zone.timeZone,
      ...(Object.keys(hours).length ? { openingHours: hours } : {}),
      ...(notes ? { notes } : {}),
      testStore: input.testStore,
    },
  };
}

export function hoursProblem(day: Weekday, raw: string): RowProblem {
  return {
    field: day,
    code: 'hours_invalid',
    message: `Opening hours “${raw.trim()}” for ${day} are not readable; write them like 08:00-22:00 or closed.`,
  };
}

export function checkTimeZone(raw: string): { timeZone: string } | { problem: RowProblem } {
  if (!raw.trim()) {
    return {
      problem: {
        field: 'timeZone',
        code: 'time_zone_missing',
        message: 'No time zone: a send is scheduled in the store’s local time.',
      },
    };
  }
  const timeZone = canonicalTimeZone(raw);
  if (timeZone) return { timeZone };
  const suggestion = suggestTimeZone(raw);
  return {
    problem: {
      field: 'timeZone',
      code: 'time_zone_unknown',
      message: suggestion
        ? `“${raw.trim()}” is not a time zone name. Did you mean ${suggestion}?`
        : `“${raw.trim()}” is not a time zone name; use one like America/Sao_Paulo.`,
      ...(suggestion ? { suggestion } : {}),
    },
  };
}

/** Whether two records say exactly the same (an import row that changes nothing). */
export function sameStore(a: StoreRecord, b: StoreRecord): boolean {
  return storeKey(a) === storeKey(b);
}

function storeKey(store: StoreRecord): string {
  return JSON.stringify([
    store.externalId,
    store.name,
    store.region,
    store.tags,
    store.timeZone,
    weekdays.map((day) => store.openingHours?.[day] ?? ''),
    store.notes ?? '',
    store.testStore,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Groups

const lowered = (values: readonly string[]) => new Set(values.map((v) => v.toLowerCase()));

/** A predicate for a rule: every non-empty list must match, case-insensitively. */
export function ruleMatcher(rule: GroupRule): (store: StoreRecord) => boolean {
  const regions = lowered(rule.regions);
  const tags = lowered(rule.tags);
  const zones = lowered(rule.timeZones);
  return (store) =>
    (!regions.size || regions.has(store.region.toLowerCase())) &&
    (!zones.size || zones.has(store.timeZone.toLowerCase())) &&
    (!tags.size || store.tags.some((tag) => tags.has(tag.toLowerCase())));
}

export function isEmptyRule(rule: GroupRule): boolean {
  return !rule.regions.length && !rule.tags.length && !rule.timeZones.length;
}

/**
 * The External IDs in a group today, in directory order. A rule group is computed from the
 * directory every time, so it follows adds, edits and removals; a hand-picked group keeps only
 * the stores that still exist.
 */
export function groupMembers(group: StoreGroup, stores: readonly StoreRecord[]): string[] {
  if (group.kind === 'picked') {
    const picked = new Set(group.members);
    return stores.filter((store) => picked.has(store.externalId)).map((s) => s.externalId);
  }
  const matches = ruleMatcher(group.rule);
  const excluded = new Set(group.exclusions);
  return stores
    .filter((store) => !excluded.has(store.externalId) && matches(store))
    .map((store) => store.externalId);
}

export function summarizeDirectory(stores: readonly StoreRecord[]): DirectorySummary {
  const regions = new Set<string>();
  const zones = new Set<string>();
  let testStores = 0;
  for (const store of stores) {
    if (store.region) regions.add(store.region.toLowerCase());
    zones.add(store.timeZone);
    if (store.testStore) testStores++;
  }
  return { stores: stores.length, regions: regions.size, timeZones: zones.size, testStores };
}

/** The field names of a record as the form and the CSV use them. */
export type StoreField = ImportField;
