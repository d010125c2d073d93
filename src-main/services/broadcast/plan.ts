/**
 * The outbox's pure planning core: which stores go in which request, and when. Plain functions
 * over data, tested without I/O.
 *
 * A local-time schedule ("14:00 in each store's own time") becomes one group per time zone,
 * each with its UTC `scheduleAt`, so Musique plays it on time even when this PC is off.
 * Daylight-saving rule (Temporal's `compatible`, in the shared `local-time.ts`): a local time
 * that does not exist (the spring-forward gap) moves forward by the gap's length — 02:30
 * becomes 03:30; a local time that happens twice (the autumn overlap) means its first one.
 *
 * Zones where the local time has already passed are listed, earliest first, and handled as the
 * user chose (`ifPassed`): sent at once, moved to the same wall-clock time the next day (by the
 * same rule), or left out.
 */

import type { Schedule } from '../../../src-preload/contract/schemas/broadcast.ts';
import { localToUtc, nextDayLocal } from '../../../src-preload/contract/schemas/local-time.ts';

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

const chunked = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

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
