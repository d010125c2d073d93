/**
 * When a broadcast plays, as the composer's fields hold it, and the checks made at the field:
 * now; one instant in this PC's time; or the same wall-clock time in each store's own zone.
 * Main turns a local time into one UTC instant per zone (and says which zones had passed); the
 * checks here only refuse what cannot be sent anywhere.
 */
import type { PassedChoice, Schedule } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { isTimeZone, localToUtc } from '../../../../src-preload/contract/schemas/local-time.ts';

export type WhenKind = 'now' | 'at' | 'local';

export interface WhenChoice {
  kind: WhenKind;
  /** `at`: `YYYY-MM-DDTHH:mm` in this PC's time zone (a `datetime-local` value). */
  at: string;
  /** `local`: `YYYY-MM-DD` and `HH:mm`, read in each store's zone. */
  localDate: string;
  localTime: string;
  /** `local`: what to do with zones where that time has already passed (asked when it has). */
  ifPassed?: PassedChoice;
}

export const initialWhen: WhenChoice = { kind: 'now', at: '', localDate: '', localTime: '' };

/** Why the time cannot be sent, said at the field. */
export type WhenProblem = 'missing' | 'past' | 'pastEverywhere';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^\d{2}:\d{2}$/;
const atPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The instant a `datetime-local` value names on this PC, or undefined when it is not one. */
export function pcTimeToMs(value: string): number | undefined {
  if (!atPattern.test(value)) return undefined;
  // Without an offset, a date-time string is read in this PC's own zone.
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether a wall-clock time has passed in `zone`, by the shared local-time module (the rule
 * main plans with). A zone name that is not one never counts as passed: main refuses it by name.
 */
function passedIn(localTime: string, zone: string, nowMs: number): boolean {
  return isTimeZone(zone) && localToUtc(localTime, zone).utcMs <= nowMs;
}

/** The furthest-behind offset in use (UTC−12): a wall time past there is past everywhere. */
const latestOffsetMs = -12 * 3_600_000;

/**
 * What is wrong with the time as entered, if anything. A local time is refused only when it has
 * passed in every zone of the chosen stores (or everywhere, before any store is chosen); when it
 * has passed in some, the plan lists them and the user decides.
 */
export function whenProblem(
  when: WhenChoice,
  nowMs: number,
  zones: readonly string[],
): WhenProblem | undefined {
  if (when.kind === 'now') return undefined;
  if (when.kind === 'at') {
    const ms = pcTimeToMs(when.at);
    if (ms === undefined) return 'missing';
    return ms <= nowMs ? 'past' : undefined;
  }
  if (!datePattern.test(when.localDate) || !timePattern.test(when.localTime)) return 'missing';
  const [y = 0, mo = 1, d = 1] = when.localDate.split('-').map(Number);
  const [h = 0, mi = 0] = when.localTime.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const localTime = `${when.localDate}T${when.localTime}`;
  const passedEverywhere = zones.length
    ? zones.every((zone) => passedIn(localTime, zone, nowMs))
    : wall - latestOffsetMs <= nowMs;
  return passedEverywhere ? 'pastEverywhere' : undefined;
}

/** The schedule the calls take, or undefined while the fields do not name a time. */
export function toSchedule(when: WhenChoice): Schedule | undefined {
  if (when.kind === 'now') return { kind: 'now' };
  if (when.kind === 'at') {
    const ms = pcTimeToMs(when.at);
    return ms === undefined ? undefined : { kind: 'at', at: new Date(ms).toISOString() };
  }
  if (!datePattern.test(when.localDate) || !timePattern.test(when.localTime)) return undefined;
  return {
    kind: 'local',
    localTime: `${when.localDate}T${when.localTime}`,
    ...(when.ifPassed ? { ifPassed: when.ifPassed } : {}),
  };
}

/** This PC's zone as people read it: "Europe/Lisbon, UTC+01:00". */
export function pcZoneLabel(nowMs: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -new Date(nowMs).getTimezoneOffset();
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${zone}, UTC${sign}${hh}:${mm}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as the clocks of `zone` show it ("Dec 5, 2026, 9:00 AM"); this PC's zone when absent. */
export function formatInZone(iso: string, zone?: string): string {
  const key = zone ?? '';
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(zone ? { timeZone: zone } : {}),
    });
    zoneFormats.set(key, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : format.format(date);
}

/** A wall-clock time as main reports it for a store (`YYYY-MM-DDTHH:MM`, already local there). */
export function formatWallTime(wall: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return wall;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = match.slice(1).map(Number);
  // Read and shown in UTC, so no zone shifts the clock reading.
  return formatInZone(new Date(Date.UTC(y, mo - 1, d, h, mi)).toISOString(), 'UTC');
}

/** `YYYY-MM-DD` of the day `ms` falls on in this PC's zone (the date fields' minimum). */
export function pcDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DDTHH:mm` of `ms` in this PC's zone (the absolute field's minimum). */
export function pcDateTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pcDate(ms)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
