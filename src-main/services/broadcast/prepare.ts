/**
 * From what the user chose to what the outbox will do: every target found in the store
 * directory (an unknown one refuses the whole send before any request), its time zone, the
 * chunks and their schedule times.
 */
import { appError } from '../core/errors.ts';
import type { BroadcastPlan } from '../../../src-preload/contract/schemas/broadcast.ts';
import {
  defaultChunkSize,
  isTimeZone,
  maxChunkSize,
  pastChunks,
  planChunks,
  type PlannedChunk,
  type Schedule,
} from './plan.ts';
import type { SendOptions } from './records.ts';

export type { BroadcastPlan };

const refuse = (code: string, message: string, action: string, details?: Record<string, unknown>) =>
  appError(code, message, { action, ...(details ? { details } : {}) });

/** Where the engine learns each store's time zone (the store directory, connected by the app). */
export interface StoreDirectoryPort {
  find(externalId: string): { externalId: string; timeZone: string } | undefined;
}

export interface BroadcastRequest {
  audioId: string;
  audioName?: string;
  externalIds: string[];
  schedule: Schedule;
  options: SendOptions;
  chunkSize?: number;
}

export function prepare(request: BroadcastRequest, directory: StoreDirectoryPort, now: number) {
  const ids = [...new Set(request.externalIds)];
  if (ids.length === 0)
    throw refuse('no_targets', 'Choose at least one store.', 'Pick stores in the directory.');
  const missing: string[] = [];
  const targets = [];
  for (const id of ids) {
    const found = directory.find(id);
    if (!found) missing.push(id);
    else targets.push({ externalId: id, timeZone: found.timeZone });
  }
  if (missing.length > 0)
    throw refuse(
      'unknown_stores',
      `${missing.length} of the chosen stores are not in the store directory, so nothing was sent.`,
      'Remove them or add them to the directory first.',
      { unknown: missing.slice(0, 50) },
    );
  const badZone = targets.find((t) => request.schedule.kind === 'local' && !isTimeZone(t.timeZone));
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
  const chunks = planChunks(targets, request.schedule, chunkSize);
  const past = pastChunks(chunks, now);
  if (past.length > 0)
    throw refuse(
      'schedule_in_past',
      `The schedule time has already passed${past[0]?.timeZone ? ` in ${past[0].timeZone}` : ''}.`,
      'Choose a later time.',
    );
  return { chunks, chunkSize };
}

/** The plan by send time and zone: what the composer shows before anything is sent. */
export function describePlan(chunks: PlannedChunk[]): Omit<BroadcastPlan, 'forecast'> {
  const groups = new Map<string, BroadcastPlan['groups'][number]>();
  for (const chunk of chunks) {
    const key = `${chunk.scheduleAt ?? ''}|${chunk.timeZone ?? ''}`;
    const group = groups.get(key) ?? {
      ...(chunk.scheduleAt ? { scheduleAt: chunk.scheduleAt } : {}),
      ...(chunk.timeZone ? { timeZone: chunk.timeZone } : {}),
      ...(chunk.adjusted ? { adjusted: chunk.adjusted } : {}),
      stores: 0,
      requests: 0,
    };
    group.stores += chunk.externalIds.length;
    group.requests++;
    groups.set(key, group);
  }
  const stores = chunks.reduce((n, c) => n + c.externalIds.length, 0);
  return { stores, requests: chunks.length, groups: [...groups.values()] };
}
