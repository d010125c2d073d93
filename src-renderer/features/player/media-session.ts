import type { EngineState, TrackMeta } from './engine-state.ts';
import type { PlaybackEngine } from './playback-engine.ts';
import { currentEntry } from './queue.ts';

/** Seconds a media-key seek moves when the OS does not say how far. */
export const defaultSeekOffset = 10;

type Actions = Pick<
  PlaybackEngine,
  'play' | 'pause' | 'previous' | 'next' | 'seek' | 'seekBy' | 'stop'
>;

interface Store {
  getState(): EngineState;
  subscribe(listener: (state: EngineState, previous: EngineState) => void): () => void;
}

/**
 * Mirrors playback into `navigator.mediaSession`, which Chromium hands to the OS (Windows media
 * flyout, macOS Now Playing, MPRIS on Linux), so media keys and headsets drive the player.
 * Returns a function that removes the handlers.
 */
export function bindMediaSession(
  store: Store,
  actions: Actions,
  trackInfo: (id: number) => TrackMeta | undefined,
  session: MediaSession | undefined = globalThis.navigator?.mediaSession,
): () => void {
  if (!session) return () => {};
  const handlers: Array<[MediaSessionAction, MediaSessionActionHandler]> = [
    ['play', () => actions.play()],
    ['pause', () => actions.pause()],
    ['previoustrack', () => actions.previous()],
    ['nexttrack', () => actions.next()],
    ['stop', () => actions.stop()],
    ['seekto', (details) => details.seekTime !== undefined && actions.seek(details.seekTime)],
    ['seekforward', (details) => actions.seekBy(details.seekOffset ?? defaultSeekOffset)],
    ['seekbackward', (details) => actions.seekBy(-(details.seekOffset ?? defaultSeekOffset))],
  ];
  for (const [action, handler] of handlers) {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // An action this browser does not know; the others still work.
    }
  }

  // Track and title: the metadata is replaced when either changes (the library may name a
  // restored track only after it has loaded).
  let shown: string | undefined;
  const sync = (state: EngineState) => {
    const entry = currentEntry(state.queue);
    const info = entry ? trackInfo(entry.id) : undefined;
    const key = entry ? `${entry.id}\u0000${info?.title ?? ''}` : '';
    if (key !== shown) {
      shown = key;
      session.metadata =
        entry && typeof MediaMetadata === 'function'
          ? new MediaMetadata({
              title: info?.title ?? '',
              artist: info?.artist ?? '',
              album: info?.album ?? '',
            })
          : null;
    }
    session.playbackState =
      state.status === 'playing' || state.status === 'loading'
        ? 'playing'
        : entry
          ? 'paused'
          : 'none';
    if (entry && state.duration > 0 && typeof session.setPositionState === 'function') {
      try {
        session.setPositionState({
          duration: state.duration,
          position: Math.min(state.position, state.duration),
          playbackRate: 1,
        });
      } catch {
        // A position the browser finds inconsistent (a duration still settling) is skipped.
      }
    }
  };
  sync(store.getState());
  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.queue !== previous.queue ||
      state.status !== previous.status ||
      state.duration !== previous.duration ||
      state.announcement !== previous.announcement ||
      Math.abs(state.position - previous.position) >= 1 ||
      state.position < previous.position
    ) {
      sync(state);
    }
  });
  return () => {
    unsubscribe();
    for (const [action] of handlers) {
      try {
        session.setActionHandler(action, null);
      } catch {
        // See above.
      }
    }
    session.metadata = null;
    session.playbackState = 'none';
  };
}
