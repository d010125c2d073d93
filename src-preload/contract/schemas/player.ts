import { z } from 'zod';
import type { ApiErrorShape } from '../define.ts';

/** Queye track IDs are positive integers (API.md §1). */
export const TrackId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const TrackIdArgs = z.strictObject({ trackId: TrackId });
export type TrackIdArgs = z.input<typeof TrackIdArgs>;

/**
 * Why a track cannot be streamed, as main found out (the audio element only ever sees a
 * generic media error, never the HTTP status behind it).
 */
export type TrackProblemReason =
  /** Queye does not know the track (any more). */
  | 'not-found'
  /** Queye refused the stream: access revoked, missing scope, approval withdrawn. */
  | 'no-access'
  /** There is no Queye session to ask for a stream token. */
  | 'signed-out'
  /** Queye could not be reached (offline, timeout, connection reset). */
  | 'network'
  /** Queye answered with an error of its own (5xx, rate limit, unreadable answer). */
  | 'upstream';

/** The answer to "can this track be streamed right now?" (one tiny ranged request). */
export type TrackCheck =
  { playable: true } | { playable: false; reason: TrackProblemReason; error: ApiErrorShape };

export const RepeatMode = z.enum(['off', 'all', 'one']);
export type RepeatMode = z.infer<typeof RepeatMode>;

/** Caps that keep a saved queue (and one IPC message) bounded. */
export const queueLimits = { tracks: 200_000, history: 1_000 } as const;

/**
 * The queue as it is saved between runs: track IDs (never URLs), where playback stood, and the
 * shuffle/repeat state. `ids` is the play order; while shuffled, `unshuffled` lists positions
 * of `ids` in the order they had before shuffling, so turning shuffle off restores it.
 */
export interface SavedQueue {
  ids: number[];
  /** Position in `ids` of the current track; -1 when there is none. */
  index: number;
  /** Seconds into the current track. */
  position: number;
  shuffle: boolean;
  repeat: RepeatMode;
  unshuffled?: number[];
  /** Played track IDs, oldest first. */
  history: number[];
}

function isPermutation(order: readonly number[], size: number): boolean {
  if (order.length !== size) return false;
  const seen = new Uint8Array(size);
  for (const value of order) {
    if (!Number.isInteger(value) || value < 0 || value >= size || seen[value]) return false;
    seen[value] = 1;
  }
  return true;
}

export const SavedQueueArgs = z
  .strictObject({
    ids: z.array(TrackId).max(queueLimits.tracks),
    index: z.number().int().min(-1),
    position: z.number().min(0).max(86_400),
    shuffle: z.boolean(),
    repeat: RepeatMode,
    unshuffled: z.array(z.number().int().min(0)).max(queueLimits.tracks).optional(),
    history: z.array(TrackId).max(queueLimits.history),
  })
  .superRefine((queue, ctx) => {
    if (queue.index >= queue.ids.length || (queue.index < 0 && queue.ids.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['index'], message: 'index outside the queue' });
    }
    if (queue.unshuffled && !isPermutation(queue.unshuffled, queue.ids.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['unshuffled'],
        message: 'unshuffled must list every position of ids once',
      });
    }
  });

/** The frequent, small update while a track plays: where playback stands. */
export const SavedPositionArgs = z.strictObject({
  index: z.number().int().min(-1),
  position: z.number().min(0).max(86_400),
});
export type SavedPositionArgs = z.input<typeof SavedPositionArgs>;

export interface QueueSaved {
  savedAt: string;
}
