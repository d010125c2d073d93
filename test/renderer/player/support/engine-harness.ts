import i18next from 'i18next';
import { vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorShape } from '../../../../src-preload/contract/define.ts';
import type {
  SavedPositionArgs,
  SavedQueue,
  TrackCheck,
  TrackProblemReason,
} from '../../../../src-preload/contract/schemas/player.ts';
import type { Toast } from '../../../../src-renderer/ui/toast-store.ts';
import {
  initialEngineState,
  type EngineState,
  type TrackMeta,
} from '../../../../src-renderer/features/player/engine-state.ts';
import { createPlaybackEngine } from '../../../../src-renderer/features/player/playback-engine.ts';
import { fakePlayers, type FakePlayer } from './fake-player.ts';

/** Tracks 1…count, each 200 s long unless told otherwise. */
export function trackTable(count: number, duration = 200): Map<number, TrackMeta> {
  const table = new Map<number, TrackMeta>();
  for (let id = 1; id <= count; id++) {
    table.set(id, {
      id,
      title: `Song ${id}`,
      artist: `Artist ${id}`,
      album: `Album ${id}`,
      duration,
      format: id % 2 ? 'mp3' : 'wav',
    });
  }
  return table;
}

/** A small deterministic generator (mulberry32), so a shuffle is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const problem = (
  reason: TrackProblemReason,
  message: string,
  extra: Partial<ApiErrorShape> = {},
): TrackCheck => ({
  playable: false,
  reason,
  error: { code: reason, message, ...extra },
});

export interface HarnessOptions {
  tracks?: Map<number, TrackMeta>;
  /** What `stream.check` answers; playable unless told. */
  check?: (id: number) => Promise<TrackCheck> | TrackCheck;
  random?: () => number;
  /** Mark the (empty) saved queue as read, so saving starts at once (default true). */
  restored?: boolean;
  store?: StoreApi<EngineState>;
  preloadLeadSeconds?: number;
  stallTimeoutMs?: number;
}

/** A playback engine on fake audio, with every dependency recorded. */
export function createHarness(options: HarnessOptions = {}) {
  const tracks = options.tracks ?? trackTable(10);
  const store = options.store ?? createStore<EngineState>(() => initialEngineState);
  const players = fakePlayers();
  const toasts: Array<Omit<Toast, 'id'>> = [];
  const saved: { queues: SavedQueue[]; positions: SavedPositionArgs[] } = {
    queues: [],
    positions: [],
  };
  const networkListeners = new Set<() => void>();
  const checkTrack = vi.fn((id: number): Promise<TrackCheck> =>
    Promise.resolve(options.check ? options.check(id) : { playable: true }),
  );
  const engine = createPlaybackEngine({
    store: { getState: store.getState, setState: (partial) => store.setState(partial) },
    createPlayer: players.factory,
    trackInfo: (id) => tracks.get(id),
    mediaUrl: (kind, id) => `media://${kind}/${id}`,
    checkTrack,
    saver: {
      save: (queue) => Promise.resolve(saved.queues.push(structuredClone(queue))),
      savePosition: (position) => Promise.resolve(saved.positions.push({ ...position })),
    },
    notify: (toast) => toasts.push(toast),
    t: (key, values) => i18next.getFixedT(null, 'player')(key as 'idle', values ?? {}),
    random: options.random ?? seededRandom(7),
    preloadLeadSeconds: options.preloadLeadSeconds,
    stallTimeoutMs: options.stallTimeoutMs,
    onNetworkBack(listener) {
      networkListeners.add(listener);
      return () => networkListeners.delete(listener);
    },
  });
  if (options.restored ?? true) engine.restore(null);
  const music = players.created[0]!;
  return {
    engine,
    music,
    players,
    /** The second player, made by the first preview. */
    previewPlayer: (): FakePlayer | undefined => players.created[1],
    state: () => store.getState(),
    store,
    tracks,
    toasts,
    saved,
    checkTrack,
    networkBack: () => networkListeners.forEach((listener) => listener()),
    /** IDs of the queue in play order. */
    ids: () => store.getState().queue.entries.map((entry) => entry.id),
    currentId: () => {
      const { entries, index } = store.getState().queue;
      return entries[index]?.id;
    },
    /** The ID of the track last put on the music player. */
    loadedId: () => Number(music.lastLoad()?.source.src.split('/').pop()),
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** Lets pending promise callbacks (a `stream.check` answer) run under fake timers. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
