import { create } from 'zustand';

/**
 * Where requested tracks go: `now` replaces the queue and plays, `next` goes right after the
 * current track, `end` is appended.
 */
export type PlayMode = 'now' | 'next' | 'end';

/** "Play these tracks, starting here": what another feature (the library) asks of the player. */
export interface PlayRequest {
  /** Track IDs in play order. */
  ids: readonly number[];
  /** Position in `ids` to start at (`now` only). */
  startIndex: number;
  mode: PlayMode;
  /** Increases with every request, so asking twice for the same list still counts. */
  seq: number;
}

interface PlayRequestStore {
  request?: PlayRequest;
}

/**
 * The hand-off from browsing to playback, owned by the player: callers (through the player's
 * public entry) only record the request; the player runtime subscribes
 * (`usePlayRequest.subscribe`) and turns it into a queue. IDs, not track objects,
 * so asking for a 20,000-track playlist is one array, not 20,000 allocations.
 */
export const usePlayRequest = create<PlayRequestStore>(() => ({}));

let seq = 0;

function send(ids: readonly number[], startIndex: number, mode: PlayMode): void {
  if (!ids.length) return;
  const start = Math.min(Math.max(0, Math.trunc(startIndex)), ids.length - 1);
  usePlayRequest.setState({ request: { ids, startIndex: start, mode, seq: ++seq } });
}

export function requestPlay(ids: readonly number[], startIndex = 0): void {
  send(ids, startIndex, 'now');
}

export function requestPlayNext(ids: readonly number[]): void {
  send(ids, 0, 'next');
}

export function requestAddToQueue(ids: readonly number[]): void {
  send(ids, 0, 'end');
}
