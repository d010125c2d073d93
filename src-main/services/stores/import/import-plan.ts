/**
 * The pure core of an import: every CSV row checked against the column mapping, the rest of the
 * file and the directory as it is, before anything is written. A row is `new`, an `update` of a
 * store already there, `unchanged`, or `invalid` with the reasons — and good rows stay good
 * whatever the bad ones around them.
 */
import { checkStore, sameStore } from '../../../../src-preload/contract/schemas/store-rules.ts';
import {
  weekdays,
  type ColumnMapping,
  type ImportCounts,
  type ImportField,
  type ImportRowView,
  type RowProblem,
  type RowStatus,
  type StoreRecord,
} from '../../../../src-preload/contract/schemas/stores.ts';
import type { CsvRow } from './csv-parse.ts';

export interface PlannedRow {
  line: number;
  externalId: string;
  name: string;
  status: RowStatus;
  problems: RowProblem[];
  /** What would be stored (for a valid row, or one whose only fault has a suggested zone). */
  record?: StoreRecord;
}

const yes = new Set(['yes', 'y', 'true', '1', 'sim', 's', 'si', 'x', 'test', 'teste']);
const no = new Set(['', 'no', 'n', 'false', '0', 'nao', 'não']);

/** The seen-so-far state of one pass over a file (duplicates are found against it). */
export interface PlanContext {
  mapping: ColumnMapping;
  existing: (externalId: string) => StoreRecord | undefined;
  /** External ID → the line it first appeared on. */
  seen: Map<string, number>;
}

export function newPlanContext(
  mapping: ColumnMapping,
  existing: (externalId: string) => StoreRecord | undefined,
): PlanContext {
  return { mapping, existing, seen: new Map() };
}

export function planRow(row: CsvRow, context: PlanContext): PlannedRow {
  const cell = (field: ImportField): string | undefined => {
    const column = context.mapping[field];
    return column === undefined ? undefined : (row.cells[column] ?? '');
  };
  const problems: RowProblem[] = [];
  const testFlag = (cell('testStore') ?? '').trim().toLowerCase();
  if (!yes.has(testFlag) && !no.has(testFlag)) {
    problems.push({
      field: 'testStore',
      code: 'test_flag_invalid',
      message: `“${testFlag}” in the test-store column is neither yes nor no.`,
    });
  }
  const hours: Partial<Record<(typeof weekdays)[number], string>> = {};
  for (const day of weekdays) {
    const value = cell(day);
    if (value !== undefined) hours[day] = value;
  }
  const checked = checkStore({
    externalId: cell('externalId') ?? '',
    name: cell('name') ?? '',
    region: cell('region') ?? '',
    tags: [cell('tags') ?? ''],
    timeZone: cell('timeZone') ?? '',
    openingHours: hours,
    notes: cell('notes') ?? '',
    testStore: yes.has(testFlag),
  });
  const rawId = (cell('externalId') ?? '').trim();
  const shownId = rawId.replace(/\s+/g, ' ');
  const name = (cell('name') ?? '').trim();
  if (!checked.ok) problems.push(...checked.problems);

  // A repeat of an ID earlier in the file is a problem whatever else the row says.
  const firstLine = rawId ? context.seen.get(rawId) : undefined;
  if (firstLine !== undefined) {
    problems.unshift({
      field: 'externalId',
      code: 'id_duplicate',
      message: `External ID ${shownId} already appears on line ${firstLine} of this file.`,
    });
  } else if (rawId && !problems.some((p) => p.code === 'id_malformed')) {
    context.seen.set(rawId, row.line);
  }

  if (problems.length) {
    const fixable = fixedByZone(problems);
    return {
      line: row.line,
      externalId: shownId,
      name,
      status: 'invalid',
      problems,
      ...(fixable ? { record: withZone(row, context, fixable) } : {}),
    };
  }
  const record = (checked as { ok: true; record: StoreRecord }).record;
  const before = context.existing(record.externalId);
  const status: RowStatus = !before ? 'new' : sameStore(before, record) ? 'unchanged' : 'update';
  return {
    line: row.line,
    externalId: record.externalId,
    name: record.name,
    status,
    problems,
    record,
  };
}

/** The suggested zone when an unknown zone is the row's only problem. */
function fixedByZone(problems: RowProblem[]): string | undefined {
  if (problems.length !== 1) return undefined;
  const [only] = problems;
  return only?.code === 'time_zone_unknown' ? only.suggestion : undefined;
}

function withZone(row: CsvRow, context: PlanContext, timeZone: string): StoreRecord | undefined {
  const column = context.mapping.timeZone;
  if (column === undefined) return undefined;
  const cells = row.cells.slice();
  cells[column] = timeZone;
  const fixed = planRow({ line: row.line, cells }, { ...context, seen: new Map() });
  return fixed.record;
}

/** Whether a planned row is written, given the user's choices at confirm time. */
export function rowOutcome(
  row: PlannedRow,
  choices: { existing: 'update' | 'skip'; useSuggestedTimeZones: boolean },
  existing: (externalId: string) => StoreRecord | undefined,
): { write: StoreRecord; as: 'imported' | 'updated' } | { skip: string } | 'unchanged' {
  if (row.status === 'unchanged') return 'unchanged';
  if (row.status === 'invalid') {
    if (choices.useSuggestedTimeZones && row.record) {
      const before = existing(row.record.externalId);
      if (!before) return { write: row.record, as: 'imported' };
      if (sameStore(before, row.record)) return 'unchanged';
      return choices.existing === 'update'
        ? { write: row.record, as: 'updated' }
        : { skip: 'Already in the directory (you chose to skip these).' };
    }
    return { skip: row.problems.map((p) => p.message).join(' ') };
  }
  if (row.status === 'update' && choices.existing === 'skip') {
    return { skip: 'Already in the directory (you chose to skip these).' };
  }
  return { write: row.record!, as: row.status === 'new' ? 'imported' : 'updated' };
}

export function countRows(rows: readonly PlannedRow[]): ImportCounts {
  const counts: ImportCounts = {
    rows: rows.length,
    new: 0,
    update: 0,
    unchanged: 0,
    invalid: 0,
    fixableByTimeZone: 0,
  };
  for (const row of rows) {
    counts[row.status]++;
    if (row.status === 'invalid' && row.record) counts.fixableByTimeZone++;
  }
  return counts;
}

/** Rows to show in the preview: every problem row first (up to `limit`), then the others. */
export function previewRows(
  rows: readonly PlannedRow[],
  limit: number,
): { rows: ImportRowView[]; leftOut: number } {
  const bad = rows.filter((row) => row.status === 'invalid');
  const good = rows.filter((row) => row.status !== 'invalid');
  const shown = [...bad, ...good].slice(0, limit).map(({ record: _record, ...view }) => view);
  return { rows: shown, leftOut: rows.length - shown.length };
}
