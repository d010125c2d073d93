/**
 * From what the user chose to what the outbox will do: every target found in the store
 * directory (an unknown one refuses the whole send before any request), its time zone, the
 * chunks and their schedule times, the zones whose local time has passed, and the plan the
 * composer shows. `prepare` never refuses for passed zones (the plan lists them);
 * `checkStartable` is what `broadcast.start` adds on top.
 */
import { appError } from '../core/errors.ts';
import type {
  BroadcastPlan,
  BroadcastRequestArgs,
} from '../../../src-preload/contract/schemas/broadcast.ts';
import type { OpeningHours } from '../../../src-preload/contract/schemas/stores.ts';
import { isTimeZone, localMoment } from '../../../src-preload/contract/schemas/local-time.ts';
import { openAt } from './opening-hours.ts';
import {
  defaultChunkSize,
  maxChunkSize,
  planSchedule,
  type PassedZone,
  type PlannedChunk,
  type Target,
} from './plan.ts';

export type { BroadcastPlan };

const refuse = (code: string, message: string, action: string, details?: Record<string, unknown>) =>
  appError(code, message, { action, ...(details ? { details } : {}) });

/** A store as the engine needs it from the directory. */
export interface DirectoryStore {
  externalId: string;
  timeZone: string;
  /** Marked in the directory as a store a test send may go to. */
  testStore?: boolean;
  openingHours?: OpeningHours;
}

/** Where the engine learns each store's time zone, test flag and hours (the store directory). */
export interface StoreDirectoryPort {
  find(externalId: string): DirectoryStore | undefined;
}

export type BroadcastRequest = BroadcastRequestArgs;

export interface Prepared {
  chunks: PlannedChunk[];
  chunkSize: number;
  stores: DirectoryStore[];
  passed: PassedZone[];
  skipped: number;
}

/** Resolves and plans a request; refuses only what no choice could fix. */
export function prepare(
  request: BroadcastRequest,
  directory: StoreDirectoryPort,
  now: number,
): Prepared {
  const ids = [...new Set(request.externalIds)];
  if (ids.length === 0)
    throw refuse('no_targets', 'Choose at least one store.', 'Pick stores in the directory.');
  const missing: string[] = [];
  const stores: DirectoryStore[] = [];
  for (const id of ids) {
    const found = directory.find(id);
    if (!found) missing.push(id);
    else stores.push(found);
  }
  if (missing.length > 0)
    throw refuse(
      'unknown_stores',
      `${missing.length} of the chosen stores are not in the store directory, so nothing was sent.`,
      'Remove them or add them to the directory first.',
      { unknown: missing.slice(0, 50) },
    );
  if (request.test) {
    const only = stores.length === 1 ? stores[0] : undefined;
    if (!only?.testStore)
      throw refuse(
        'not_a_test_store',
        only
          ? `Store ${only.externalId} is not marked as a test store, so a test send cannot go to it.`
          : `A test send goes to exactly one test store; ${stores.length} were chosen.`,
        only
          ? 'Choose a test store, or mark this one as a test store in the directory.'
          : 'Choose one test store.',
      );
  }
  const badZone = stores.find((t) => request.schedule.kind === 'local' && !isTimeZone(t.timeZone));
  if (badZone)
    throw refuse(
      'bad_time_zone',
      `Store ${badZone.externalId} has an unknown time zone (${badZone.timeZone}).`,
      'Correct its time zone in the directory.',
    );
  const chunkSize = request.chunkSize ?? defaultChunkSize;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > maxChunkSize)
    throw refuse(
      'bad_chunk_size',
      `Stores go in requests of 1 to ${maxChunkSize}.`,
      'Choose another request size.',
    );
  if (request.schedule.kind === 'at' && Date.parse(request.schedule.at) <= now)
    throw refuse(
      'schedule_in_past',
      'That time has already passed.',
      'Choose a later time, or send now.',
    );
  const targets: Target[] = stores.map((s) => ({ externalId: s.externalId, timeZone: s.timeZone }));
  const { chunks, passed, skipped } = planSchedule(targets, request.schedule, chunkSize, now);
  return { chunks, chunkSize, stores, passed, skipped };
}

/** What `broadcast.start` refuses beyond `prepare`: passed zones without a choice, nothing left. */
export function checkStartable(request: BroadcastRequest, prepared: Prepared, now: number): void {
  const { passed } = prepared;
  if (request.schedule.kind === 'local' && !request.schedule.ifPassed && passed.length > 0) {
    const zones = passed.map((p) => p.timeZone);
    throw refuse(
      'schedule_in_past',
      `${request.schedule.localTime.slice(11)} has already passed in ${zones.length === 1 ? zones[0] : `${zones.length} time zones (${zones.slice(0, 5).join(', ')}${zones.length > 5 ? ', …' : ''})`}.`,
      'Choose what to do with those stores: send them now, move them to the same time tomorrow, or leave them out — or pick a later time.',
      { passed },
    );
  }
  if (prepared.chunks.length === 0)
    throw refuse(
      'nothing_to_send',
      'Every chosen store was left out because its time has passed, so there is nothing to send.',
      'Send those stores now or the next day, or pick a later time.',
    );
  // A time moved to the next day can still be in the past when the date was long gone.
  const late = prepared.chunks.find((c) => c.scheduleAt && Date.parse(c.scheduleAt) <= now);
  if (late)
    throw refuse(
      'schedule_in_past',
      `The schedule time has already passed${late.timeZone ? ` in ${late.timeZone}` : ''}, even the next day.`,
      'Choose a later date.',
    );
}

/** How many outside-hours stores the plan names (the count covers all of them). */
const outsideHoursListed = 50;

/** The plan by send time and zone: what the composer shows before anything is sent. */
export function describePlan(prepared: Prepared, now: number): Omit<BroadcastPlan, 'forecast'> {
  const { chunks, stores } = prepared;
  const groups = new Map<string, BroadcastPlan['groups'][number]>();
  for (const chunk of chunks) {
    const key = `${chunk.scheduleAt ?? ''}|${chunk.timeZone ?? ''}|${chunk.moved ?? ''}`;
    const group = groups.get(key) ?? {
      ...(chunk.scheduleAt ? { scheduleAt: chunk.scheduleAt } : {}),
      ...(chunk.timeZone ? { timeZone: chunk.timeZone } : {}),
      ...(chunk.adjusted ? { adjusted: chunk.adjusted } : {}),
      ...(chunk.moved ? { moved: chunk.moved } : {}),
      stores: 0,
      requests: 0,
    };
    group.stores += chunk.externalIds.length;
    group.requests++;
    groups.set(key, group);
  }
  return {
    stores: chunks.reduce((n, c) => n + c.externalIds.length, 0),
    requests: chunks.length,
    groups: [...groups.values()],
    timeZones: new Set(stores.map((s) => s.timeZone)).size,
    testStores: stores.reduce((n, s) => n + (s.testStore ? 1 : 0), 0),
    passed: prepared.passed,
    skipped: prepared.skipped,
    outsideHours: outsideHours(prepared, now),
  };
}

function outsideHours(prepared: Prepared, now: number): BroadcastPlan['outsideHours'] {
  const byId = new Map(prepared.stores.map((s) => [s.externalId, s]));
  const moments = new Map<string, ReturnType<typeof localMoment> | undefined>();
  const result: BroadcastPlan['outsideHours'] = { count: 0, stores: [] };
  for (const chunk of prepared.chunks) {
    const playsAt = chunk.scheduleAt ? Date.parse(chunk.scheduleAt) : now;
    for (const id of chunk.externalIds) {
      const store = byId.get(id);
      if (!store?.openingHours) continue;
      // Thousands of stores share a few zones and play times: each is worked out once.
      const key = `${store.timeZone}|${playsAt}`;
      if (!moments.has(key))
        moments.set(
          key,
          isTimeZone(store.timeZone) ? localMoment(playsAt, store.timeZone) : undefined,
        );
      const moment = moments.get(key);
      if (!moment) continue;
      const verdict = openAt(store.openingHours, moment);
      if (verdict.state !== 'closed') continue;
      result.count++;
      if (result.stores.length < outsideHoursListed)
        result.stores.push({
          externalId: id,
          timeZone: store.timeZone,
          playsAt: moment.wall,
          hours: `${moment.weekday} ${verdict.hours}`,
        });
    }
  }
  return result;
}
