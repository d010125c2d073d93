/**
 * The outbox's pure planning core: which stores go in which request, and when. Plain functions
 * over data, tested without I/O.
 *
 * A local-time schedule ("14:00 in each store's own time") becomes one group per time zone,
 * each with its UTC `scheduleAt`, so Musique plays it on time even when this PC is off.
 * Daylight-saving rule (the same as Temporal's `compatible`): a local time that does not exist
 * (the spring-forward gap) moves forward by the gap's length — 02:30 becomes 03:30; a local
 * time that happens twice (the autumn overlap) means its first occurrence.
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

/**
 * The requests a job makes: stores grouped by when they play (one group for `now` and `at`,
 * one per time zone for `local`), each group in chunks of `chunkSize`, in a stable order.
 */
export function planChunks(
  targets: Target[],
  schedule: Schedule,
  chunkSize: number,
): PlannedChunk[] {
  const size = Math.min(maxChunkSize, Math.max(1, Math.floor(chunkSize)));
  const groups: Array<Omit<PlannedChunk, 'index' | 'externalIds'> & { ids: string[] }> = [];
  if (schedule.kind !== 'local') {
    groups.push({
      ids: targets.map((t) => t.externalId),
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
    // Earliest first: the stores whose time comes first are sent first.
    zones.sort((a, b) => a.utcMs - b.utcMs || a.zone.localeCompare(b.zone));
    for (const { zone, utcMs, adjusted } of zones) {
      groups.push({
        ids: byZone.get(zone) ?? [],
        scheduleAt: new Date(utcMs).toISOString(),
        timeZone: zone,
        ...(adjusted ? { adjusted } : {}),
      });
    }
  }
  const chunks: PlannedChunk[] = [];
  for (const { ids, ...when } of groups)
    for (const externalIds of chunked(ids, size))
      chunks.push({ index: chunks.length, externalIds, ...when });
  return chunks;
}

/** Chunks whose schedule has already passed at `nowMs` (Musique refuses a time in the past). */
export function pastChunks(chunks: PlannedChunk[], nowMs: number): PlannedChunk[] {
  return chunks.filter((c) => c.scheduleAt !== undefined && Date.parse(c.scheduleAt) <= nowMs);
}
