/**
 * What the playback engine needs from an audio backend. The engine, the queue and the error
 * policy are written against this; `howler-player.ts` is the one implementation for real
 * audio, and tests drive the engine with a fake.
 */

export interface PlayerSource {
  /** A stable `media://…` (or browser-host) URL; never a URL with a token in it. */
  src: string;
  /** Container format (`mp3`, `wav`): the URL has no extension to guess it from. */
  format: string;
}

export interface PlayerError {
  /** The media element's error code (1 aborted, 2 network, 3 decode, 4 unsupported/refused), or 0. */
  code: number;
  /** `load`: the source never became playable; `playback`: it failed after playing. */
  stage: 'load' | 'playback';
}

/** Seconds of the source already downloaded, as `[start, end]` pairs. */
export type BufferedRanges = ReadonlyArray<readonly [number, number]>;

export interface PlayerEvents {
  /** The duration is known (metadata arrived). */
  ready: { duration: number };
  time: { position: number; duration: number };
  /** Playback wanted but waiting for data (true), or flowing again (false). */
  buffering: boolean;
  buffered: BufferedRanges;
  /** Sound is actually coming out (the element's `playing`). */
  playing: undefined;
  ended: undefined;
  /** The source failed for good (the backend has already tried what it can). */
  error: PlayerError;
}

export type PlayerEvent = keyof PlayerEvents;

export interface LoadOptions {
  /** Start at this many seconds instead of 0. */
  position?: number;
}

export interface Player {
  /** Replaces whatever was loaded; nothing plays until `play()`. */
  load(source: PlayerSource, options?: LoadOptions): void;
  play(): void;
  pause(): void;
  /** Stops and releases the current source. */
  stop(): void;
  /** Seconds; clamped to the playable part of the source. */
  seek(seconds: number): void;
  position(): number;
  /** Seconds; 0 while unknown. */
  duration(): number;
  /** The user's volume, 0–1. */
  setVolume(volume: number): void;
  setMuted(muted: boolean): void;
  /** Lowers the sound to `level` × volume (an announcement preview plays over it). */
  duck(level: number): void;
  /** Back to the full volume. */
  unduck(): void;
  /** Starts fetching the next source's first bytes so changing to it is near instant. */
  preload(source: PlayerSource): void;
  on<E extends PlayerEvent>(event: E, listener: (payload: PlayerEvents[E]) => void): () => void;
  dispose(): void;
}

export type PlayerFactory = () => Player;

type Listener = (payload: never) => void;

/** A tiny typed emitter the players share. */
export function createEmitter() {
  const listeners = new Map<PlayerEvent, Set<Listener>>();
  const on = <E extends PlayerEvent>(
    event: E,
    listener: (payload: PlayerEvents[E]) => void,
  ): (() => void) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  const emit = <E extends PlayerEvent>(event: E, payload: PlayerEvents[E]): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      (listener as (payload: PlayerEvents[E]) => void)(payload);
    }
  };
  const clear = () => listeners.clear();
  return { on, emit, clear };
}
