import { create } from 'zustand';
import { initialEngineState, type EngineState } from './engine-state.ts';
import type { PlaybackEngine } from './playback-engine.ts';
import { currentEntry } from './queue.ts';

/** What the UI shows of playback: a mirror the engine writes, components only read. */
export const usePlayer = create<EngineState>(() => initialEngineState);

/** The ID of the track the queue is on (playing or paused), for marking it in track lists. */
export function useNowPlayingId(): number | undefined {
  return usePlayer((state) => currentEntry(state.queue)?.id);
}

let running: PlaybackEngine | undefined;

/** The engine, once `startPlayer()` has created it; components call its methods. */
export function playerEngine(): PlaybackEngine | undefined {
  return running;
}

export function setPlayerEngine(engine: PlaybackEngine | undefined): void {
  running = engine;
}
