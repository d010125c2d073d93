/**
 * The outbox's pure planning core: which stores go in which request, and when. Plain functions
 * over data, tested without I/O.
 *
 * A local-time schedule ("14:00 in each store's own time") becomes one group per time zone,
 * each with its UTC `scheduleAt`, so Musique plays it on time even when this PC is off.
 * Daylight-saving rule (the same as Temporal's `compatible`): a local time that does not exist
 * (the spring-forward gap) moves forward by the gap's length — 02:30 becomes 03:30; a local
 * time that happens twice (the autumn overlap) means its first occurrence.
 *
 * Zones where the local time has already passed are listed, earliest first, and handled as the
 * user chose (`ifPassed`): sent at once, moved to the same wall-clock time the next day (by the
 * same rule), or left out.
 */

import type { Schedule } from '../../../src-preload/contract/schemas/broadcast.ts';

export const defaultChunkSize = 100;
export const maxChunkSize = 500;

export type { Schedule };

export interface Target {
  externalId: string;
  timeZone: string;
}

export interface PlannedChunk {
  index: number;
  externalIds: string[];
  /** UTC ISO-8601, when scheduled. */
  scheduleAt?: string;
  /** The zone whose local time this chunk's schedule is (local schedules only). */
  timeZone?: string;
  /** The local time fell into a daylight-saving gap or overlap and was resolved by the rule. */
  adjusted?: 'gap' | 'overlap';
  /** The zone's local time had passed; the user's choice sent it now or the next day. */
  moved?: 'now' | 'nextDay';
}

/** A zone whose local time had already passed when planned (before the choice is applied). */
export interface PassedZone {
  timeZone: string;
  stores: number;
  /** The passed time, UTC ISO-8601. */
  scheduleAt: string;
}

export interface SchedulePlan {
  chunks: PlannedChunk[];
  passed: PassedZone[];
  /** Stores left out by `ifPassed: 'skip'`. */
  skipped: number;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds `zone` is ahead of UTC at the instant `utcMs`. */
export function zoneOffset(utcMs: number, zone: string): number {
  let format = partsFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(utcMs)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The UTC instant of a wall-clock time in `zone`, by the daylight-saving rule above. */
export function localToUtc(
  localTime: string,
  zone: string,
): { utcMs: number; adjusted?: 'gap' | 'overlap' } {
  const match = localPattern.exec(localTime);
  if (!match) throw new RangeError(`not a local time: ${localTime}`);
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = match.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets in force half a day either side cover any transition near this time.
  const before = zoneOffset(wall - 43_200_000, zone);
  const after = zoneOffset(wall + 43_200_000, zone);
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((utc) => utc + zoneOffset(utc, zone) === wall)
    .sort((a, b) => a - b);
  if (candidates.length > 1) return { utcMs: candidates[0]!, adjusted: 'overlap' };
  if (candidates.length === 1) return { utcMs: candidates[0]! };
  // In the gap: read with the offset before the change, which lands after it by the gap.
  return { utcMs: wall - before, adjusted: 'gap' };
}

const chunked = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The same wall-clock time one calendar day later (`2026-03-28T09:00` → `2026-03-29T09:00`). */
export function nextDayLocal(localTime: string): string {
  const match = localPattern.exec(localTime);
  if (!match) throw new RangeError(`not a local time: ${localTime}`);
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = match.slice(1).map(Number);
  return new Date(Date.UTC(y, mo - 1, d + 1, h, mi)).toISOString().slice(0, 16);
}

type Group = Omit<PlannedChunk, 'index' | 'externalIds'> & { ids: string[]; order: number };

/**
 * The requests a job makes: stores grouped by when they play (one group for `now` and `at`,
 * one per time zone for `local`), each group in chunks of `chunkSize`, in a stable order,
 * earliest first. `now` tells which local times have passed (a time at or before it has).
 */
export function planSchedule(
  targets: Target[],
  schedule: Schedule,
  chunkSize: number,
  now: number,
): SchedulePlan {
  const size = Math.min(maxChunkSize, Math.max(1, Math.floor(chunkSize)));
  const groups: Group[] = [];
  const passed: PassedZone[] = [];
  let skipped = 0;
  if (schedule.kind !== 'local') {
    groups.push({
      ids: targets.map((t) => t.externalId),
      order: 0,
      ...(schedule.kind === 'at' ? { scheduleAt: new Date(schedule.at).toISOString() } : {}),
    });
  } else {
    const byZone = new Map<string, string[]>();
    for (const target of targets) {
      const list = byZone.get(target.timeZone) ?? [];
      list.push(target.externalId);
      byZone.set(target.timeZone, list);
    }
    const zones = [...byZone.keys()].map((zone) => ({
      zone,
      ...localToUtc(schedule.localTime, zone),
    }));
    zones.sort((a, b) => a.utcMs - b.utcMs || a.zone.localeCompare(b.zone));
    for (const { zone, utcMs, adjusted } of zones) {
      const ids = byZone.get(zone) ?? [];
      const at = (ms: number, how?: 'gap' | 'overlap') => ({
        scheduleAt: new Date(ms).toISOString(),
        timeZone: zone,
        ...(how ? { adjusted: how } : {}),
      });
      if (utcMs > now || !schedule.ifPassed) {
        if (utcMs <= now)
          passed.push({ timeZone: zone, stores: ids.length, scheduleAt: at(utcMs).scheduleAt });
        groups.push({ ids, order: utcMs, ...at(utcMs, adjusted) });
        continue;
      }
      passed.push({ timeZone: zone, stores: ids.length, scheduleAt: at(utcMs).scheduleAt });
      if (schedule.ifPassed === 'skip') skipped += ids.length;
      else if (schedule.ifPassed === 'now')
        groups.push({ ids, order: now, timeZone: zone, moved: 'now' });
      else {
        const next = localToUtc(nextDayLocal(schedule.localTime), zone);
        groups.push({ ids, order: next.utcMs, ...at(next.utcMs, next.adjusted), moved: 'nextDay' });
      }
    }
    // Earliest first: the stores whose time comes first are sent first ("now" before any time).
    groups.sort((a, b) => a.order - b.order);
  }
  const chunks: PlannedChunk[] = [];
  for (const { ids, order: _order, ...when } of groups)
    for (const externalIds of chunked(ids, size))
      chunks.push({ index: chunks.length, externalIds, ...when });
  return { chunks, passed, skipped };
}

/** The chunks for a schedule, every local time taken as it is (passed or not). */
export function planChunks(
  targets: Target[],
  schedule: Schedule,
  chunkSize: number,
): PlannedChunk[] {
  return planSchedule(targets, schedule, chunkSize, Number.NEGATIVE_INFINITY).chunks;
}

/** Chunks whose schedule has already passed at `nowMs` (Musique refuses a time in the past). */
export function pastChunks(chunks: PlannedChunk[], nowMs: number): PlannedChunk[] {
  return chunks.filter((c) => c.scheduleAt !== undefined && Date.parse(c.scheduleAt) <= nowMs);
}
