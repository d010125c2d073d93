import { create } from 'zustand';

/** "Play these tracks, starting here": what the library asks of the player. */
export interface PlayRequest {
  /** Track IDs in play order (the queue to build). */
  ids: readonly number[];
  /** Position in `ids` to start at. */
  startIndex: number;
  /** Increases with every request, so asking twice for the same list still counts. */
  seq: number;
}

interface PlayRequestStore {
  request?: PlayRequest;
}

/**
 * The hand-off from browsing to playback. The library only records the request; the player
 * subscribes (`usePlayRequest.subscribe`) and turns it into a queue. IDs, not track objects,
 * so asking for a 20,000-track playlist is one array, not 20,000 allocations.
 */
export const usePlayRequest = create<PlayRequestStore>(() => ({}));

let seq = 0;

export function requestPlay(ids: readonly number[], startIndex = 0): void {
  if (!ids.length) return;
  const start = Math.min(Math.max(0, Math.trunc(startIndex)), ids.length - 1);
  usePlayRequest.setState({ request: { ids, startIndex: start, seq: ++seq } });
}
