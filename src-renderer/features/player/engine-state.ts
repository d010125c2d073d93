import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { TrackCheck } from '../../../src-preload/contract/schemas/player.ts';
import type { Toast } from '../../ui/toast-store.ts';
import type { BufferedRanges, PlayerFactory } from './player.ts';
import type { QueueSaver } from './queue-persistence.ts';
import { emptyQueue, type QueueState } from './queue.ts';

export type PlaybackStatus =
  /** Nothing queued. */
  | 'idle'
  /** Asked to play; the first sound is on its way. */
  | 'loading'
  | 'playing'
  | 'paused'
  /** Asked to play, but Queye is out of reach: retrying until it is back. */
  | 'waiting-network'
  /** Stopped on purpose after repeated failures (see `problem`). */
  | 'stopped';

/** Why playback stopped or waits, worded for the bar. */
export interface PlaybackProblem {
  message: string;
  action?: string;
  reference?: string;
}

export interface PreviewState {
  id: string;
  name: string;
  status: 'loading' | 'playing';
  position: number;
  duration: number;
}

/** Everything the UI shows about playback; the zustand store holds exactly this. */
export interface EngineState {
  status: PlaybackStatus;
  queue: QueueState;
  /** Seconds into the current track. */
  position: number;
  /** Seconds; from the library until the stream says. */
  duration: number;
  buffered: BufferedRanges;
  buffering: boolean;
  volume: number;
  muted: boolean;
  /** The music is lowered under a preview. */
  ducked: boolean;
  problem?: PlaybackProblem;
  /** Polite live-region text ("Now playing …"). */
  announcement: string;
  preview?: PreviewState;
  /** The saved queue has been read (or there was none): saving may begin. */
  restored: boolean;
}

export const initialEngineState: EngineState = {
  status: 'idle',
  queue: emptyQueue,
  position: 0,
  duration: 0,
  buffered: [],
  buffering: false,
  volume: 0.8,
  muted: false,
  ducked: false,
  announcement: '',
  restored: false,
};

/** What the engine shows of a track; from the library, or a placeholder while it loads. */
export interface TrackMeta {
  id: number;
  title: string;
  artist: string;
  album: string;
  /** Seconds; 0 when unknown. */
  duration: number;
  format: string;
}

/** A Musique library item to preview. */
export interface PreviewItem {
  id: string;
  name: string;
  format?: string;
}

export interface StateStore {
  getState(): EngineState;
  setState(partial: Partial<EngineState>): void;
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface EngineDeps {
  store: StateStore;
  createPlayer: PlayerFactory;
  trackInfo(id: number): TrackMeta | undefined;
  mediaUrl(kind: 'track' | 'audio', id: string | number): string;
  checkTrack(id: number): Promise<TrackCheck>;
  saver: QueueSaver;
  notify(toast: Omit<Toast, 'id'>): void;
  t: Translate;
  random?: () => number;
  /** Start loading the next track this long before the current one ends. */
  preloadLeadSeconds?: number;
  /** Wanted playback stuck without progress this long is looked into (default 10 s). */
  stallTimeoutMs?: number;
  /** Calls back when the network returns (the browser's `online` event). */
  onNetworkBack?(listener: () => void): () => void;
}

export const problemOf = (error: ApiErrorShape): PlaybackProblem => ({
  message: error.message,
  action: error.action,
  reference: error.requestId,
});
