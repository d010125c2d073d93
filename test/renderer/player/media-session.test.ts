import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bindMediaSession,
  defaultSeekOffset,
} from '../../../src-renderer/features/player/media-session.ts';
import type { TrackMeta } from '../../../src-renderer/features/player/engine-state.ts';
import { createHarness, trackTable } from './support/engine-harness.ts';

class FakeMetadata {
  title: string;
  artist: string;
  album: string;
  constructor(init: MediaMetadataInit) {
    this.title = init.title ?? '';
    this.artist = init.artist ?? '';
    this.album = init.album ?? '';
  }
}

/** What Chromium hands to the OS: metadata, state, position and the action handlers. */
function fakeSession(unknownActions: MediaSessionAction[] = []) {
  const handlers = new Map<MediaSessionAction, MediaSessionActionHandler | null>();
  const positions: MediaPositionState[] = [];
  const session = {
    metadata: null as MediaMetadata | null,
    playbackState: 'none' as MediaSessionPlaybackState,
    setActionHandler(action: MediaSessionAction, handler: MediaSessionActionHandler | null) {
      if (unknownActions.includes(action)) throw new TypeError(`unknown action ${action}`);
      handlers.set(action, handler);
    },
    setPositionState: vi.fn((state: MediaPositionState) => {
      positions.push(state);
    }),
  };
  const invoke = (action: MediaSessionAction, details: Partial<MediaSessionActionDetails> = {}) =>
    handlers.get(action)!({ action, ...details });
  return { session, handlers, positions, invoke, media: session as unknown as MediaSession };
}

function setup(
  options: { unknownActions?: MediaSessionAction[]; tracks?: Map<number, TrackMeta> } = {},
) {
  const h = createHarness({ tracks: options.tracks });
  const fake = fakeSession(options.unknownActions);
  const unbind = bindMediaSession(h.store, h.engine, (id) => h.tracks.get(id), fake.media);
  return { h, ...fake, unbind };
}

beforeEach(() => {
  vi.stubGlobal('MediaMetadata', FakeMetadata);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the OS media session', () => {
  it('shows nothing until something is queued', () => {
    const { session } = setup();
    expect(session.metadata).toBeNull();
    expect(session.playbackState).toBe('none');
    expect(session.setPositionState).not.toHaveBeenCalled();
  });

  it('carries the track’s metadata and the playback state', () => {
    const { h, session } = setup();
    h.engine.playIds([2, 3]);
    expect(session.metadata).toEqual(
      new FakeMetadata({ title: 'Song 2', artist: 'Artist 2', album: 'Album 2' }),
    );
    expect(session.playbackState).toBe('playing');
    h.music.playing();
    h.engine.pause();
    expect(session.playbackState).toBe('paused');
    h.engine.next();
    expect((session.metadata as FakeMetadata | null)?.title).toBe('Song 3');
  });

  it('updates the metadata when the library names a track later', () => {
    const h = createHarness({ tracks: new Map() });
    const { session, media } = fakeSession();
    bindMediaSession(h.store, h.engine, (id) => h.tracks.get(id), media);
    h.engine.playIds([4]);
    expect((session.metadata as FakeMetadata | null)?.title).toBe('');
    h.tracks.set(4, trackTable(4).get(4)!);
    h.engine.refreshTrackInfo();
    expect(session.metadata).toEqual(
      new FakeMetadata({ title: 'Song 4', artist: 'Artist 4', album: 'Album 4' }),
    );
  });

  it('sets the position state where the OS cannot carry it on by itself', () => {
    const { h, positions } = setup({ tracks: trackTable(3, 0) });
    h.engine.playIds([1]);
    expect(positions).toEqual([]);
    h.music.ready(180);
    h.music.playing();
    // Steady playback: the OS moves the position on from the last state and the rate.
    for (let t = 0.25; t < 10; t += 0.25) h.music.time(t);
    h.engine.seek(60);
    h.music.time(60.25);
    h.engine.seek(30);
    h.engine.pause();
    // Past the end while the duration settles: the position stays inside it.
    h.music.time(190, 180);
    const reported = positions.map((p) => p.position);
    // Repeats (the status and the history changing at the first sound) are harmless.
    expect(reported.filter((p, i) => p !== reported[i - 1])).toEqual([0, 60, 30, 180]);
    expect(positions.every((p) => p.duration === 180 && p.playbackRate === 1)).toBe(true);
  });

  it('skips a position the browser refuses', () => {
    const { h, session } = setup();
    session.setPositionState.mockImplementation(() => {
      throw new TypeError('position beyond duration');
    });
    h.engine.playIds([1]);
    expect(() => h.music.ready(180)).not.toThrow();
    expect(session.playbackState).toBe('playing');
  });

  it('every action handler drives the engine', () => {
    const { h, invoke, handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(
      [
        'nexttrack',
        'pause',
        'play',
        'previoustrack',
        'seekbackward',
        'seekforward',
        'seekto',
        'stop',
      ].sort(),
    );
    h.engine.addToQueue([1, 2, 3]);
    invoke('play');
    expect(h.loadedId()).toBe(1);
    expect(h.music.wantsPlay).toBe(true);
    h.music.ready(200);
    h.music.playing();
    invoke('pause');
    expect(h.state().status).toBe('paused');
    invoke('nexttrack');
    expect(h.loadedId()).toBe(2);
    invoke('previoustrack');
    expect(h.loadedId()).toBe(1);
    h.music.ready(200);
    invoke('seekto', { seekTime: 60 });
    expect(h.music.callsOf('seek').at(-1)).toEqual([60]);
    invoke('seekto', {});
    expect(h.music.count('seek')).toBe(1);
    invoke('seekforward');
    expect(h.state().position).toBe(60 + defaultSeekOffset);
    invoke('seekforward', { seekOffset: 5 });
    invoke('seekbackward');
    expect(h.state().position).toBe(65);
    invoke('seekbackward', { seekOffset: 30 });
    expect(h.state().position).toBe(35);
    invoke('stop');
    expect(h.music.source).toBeUndefined();
    expect(h.state()).toMatchObject({ status: 'paused', position: 0 });
  });

  it('keeps the other handlers when the browser does not know one action', () => {
    const { handlers } = setup({ unknownActions: ['stop', 'seekto'] });
    expect(handlers.has('stop')).toBe(false);
    expect(handlers.has('play')).toBe(true);
    expect(handlers.has('seekbackward')).toBe(true);
  });

  it('unbinding clears the handlers and the session, and later changes leave it alone', () => {
    const { h, session, handlers, unbind } = setup();
    h.engine.playIds([1]);
    unbind();
    expect([...handlers.values()].every((handler) => handler === null)).toBe(true);
    expect(session.metadata).toBeNull();
    expect(session.playbackState).toBe('none');
    h.engine.next();
    h.music.playing();
    expect(session.playbackState).toBe('none');
  });

  it('does nothing where there is no media session', () => {
    const h = createHarness();
    expect(() => bindMediaSession(h.store, h.engine, () => undefined, undefined)()).not.toThrow();
  });
});
