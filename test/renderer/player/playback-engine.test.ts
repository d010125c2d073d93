import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedQueue } from '../../../src-preload/contract/schemas/player.ts';
import { restartThreshold } from '../../../src-renderer/features/player/playback-engine.ts';
import { createHarness, seededRandom, type Harness } from './support/engine-harness.ts';

/** Starts `ids` and lets the first track sound. */
function start(h: Harness, ids: number[], index = 0) {
  h.engine.playIds(ids, index);
  h.music.ready(200);
  h.music.playing();
}

/** Plays the current track to its end (sound, then `ended`). */
function finish(h: Harness) {
  h.music.playing();
  h.music.time(199.9);
  h.music.ended();
}

const saved = (patch: Partial<SavedQueue> = {}): SavedQueue => ({
  ids: [4, 5, 6],
  index: 1,
  position: 83.5,
  shuffle: false,
  repeat: 'off',
  history: [4],
  ...patch,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('transport', () => {
  it('plays the chosen track: its stream URL and format, loading until sound comes', () => {
    const h = createHarness();
    h.engine.playIds([1, 2, 3], 1);
    expect(h.music.lastLoad()).toEqual({
      source: { src: 'media://track/2', format: 'wav' },
      options: { position: 0 },
    });
    expect(h.music.wantsPlay).toBe(true);
    expect(h.state()).toMatchObject({
      status: 'loading',
      duration: 200,
      buffering: true,
      announcement: 'Now playing: Song 2 by Artist 2',
    });
    h.music.ready(201.4);
    h.music.playing();
    expect(h.state()).toMatchObject({ status: 'playing', buffering: false, duration: 201.4 });
    h.music.time(12.5);
    expect(h.state().position).toBe(12.5);
  });

  it('pause and play keep the loaded track; Play while playing changes nothing', () => {
    const h = createHarness();
    start(h, [1, 2]);
    h.engine.togglePlay();
    expect(h.state().status).toBe('paused');
    expect(h.music.wantsPlay).toBe(false);
    h.engine.togglePlay();
    expect(h.state().status).toBe('loading');
    h.music.playing();
    expect(h.state().status).toBe('playing');
    h.engine.play();
    expect(h.state().status).toBe('playing');
    expect(h.music.loads()).toHaveLength(1);
  });

  it('seeks within the track, clamped short of the end', () => {
    const h = createHarness();
    start(h, [1]);
    h.engine.seek(150);
    expect(h.music.callsOf('seek').at(-1)).toEqual([150]);
    expect(h.state().position).toBe(150);
    h.engine.seek(500);
    expect(h.state().position).toBe(199.5);
    h.engine.seekBy(-1000);
    expect(h.state().position).toBe(0);
    h.music.time(20);
    h.engine.seekBy(5);
    expect(h.music.callsOf('seek').at(-1)).toEqual([25]);
  });

  it('next and previous keep playing, or stay paused', () => {
    const h = createHarness();
    start(h, [1, 2, 3]);
    h.engine.next();
    expect(h.loadedId()).toBe(2);
    expect(h.music.wantsPlay).toBe(true);
    h.engine.pause();
    h.engine.next();
    expect(h.loadedId()).toBe(3);
    expect(h.music.wantsPlay).toBe(false);
    expect(h.state().status).toBe('paused');
    h.engine.previous();
    expect(h.loadedId()).toBe(2);
    expect(h.music.wantsPlay).toBe(false);
  });

  it(`previous restarts the track when more than ${restartThreshold} s have played`, () => {
    const h = createHarness();
    start(h, [1, 2, 3], 1);
    h.music.time(restartThreshold + 0.5);
    h.engine.previous();
    expect(h.music.callsOf('seek').at(-1)).toEqual([0]);
    expect(h.loadedId()).toBe(2);
    h.music.time(restartThreshold);
    h.engine.previous();
    expect(h.loadedId()).toBe(1);
    // At the start of the queue it can only restart.
    h.music.time(1);
    h.engine.previous();
    expect(h.loadedId()).toBe(1);
    expect(h.music.callsOf('seek').at(-1)).toEqual([0]);
    expect(h.music.loads()).toHaveLength(2);
  });

  it('a track that ends is followed by the next; the queue running out pauses on the last', () => {
    const h = createHarness();
    start(h, [1, 2]);
    finish(h);
    expect(h.loadedId()).toBe(2);
    expect(h.music.wantsPlay).toBe(true);
    finish(h);
    expect(h.currentId()).toBe(2);
    expect(h.state()).toMatchObject({ status: 'paused', position: 0 });
    expect(h.music.count('stop')).toBe(1);
    // Play starts the last track again from the top.
    h.engine.play();
    expect(h.loadedId()).toBe(2);
    expect(h.music.lastLoad()?.options).toEqual({ position: 0 });
  });

  it('repeat one replays the loaded track; repeat all starts the queue over', () => {
    const h = createHarness();
    start(h, [1, 2]);
    h.engine.cycleRepeat();
    h.engine.cycleRepeat();
    expect(h.state().queue.repeat).toBe('one');
    finish(h);
    expect(h.music.loads()).toHaveLength(1);
    expect(h.music.callsOf('seek').at(-1)).toEqual([0]);
    expect(h.music.wantsPlay).toBe(true);
    h.music.playing();
    expect(h.state().queue.history).toEqual([1, 1]);
    h.engine.cycleRepeat();
    h.engine.cycleRepeat();
    expect(h.state().queue.repeat).toBe('all');
    finish(h);
    finish(h);
    expect(h.loadedId()).toBe(1);
    expect(h.music.wantsPlay).toBe(true);
  });

  it('shuffle plays every track once per round at the track ends', () => {
    const h = createHarness({ random: seededRandom(3) });
    start(h, [1, 2, 3, 4, 5, 6]);
    h.engine.toggleShuffle();
    h.engine.cycleRepeat();
    const heard = [h.loadedId()];
    for (let i = 0; i < 17; i++) {
      finish(h);
      heard.push(h.loadedId());
    }
    for (let round = 0; round < 3; round++) {
      expect(new Set(heard.slice(round * 6, round * 6 + 6)).size).toBe(6);
    }
    h.engine.toggleShuffle();
    expect(h.ids()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(h.currentId()).toBe(heard.at(-1));
  });

  it('records each track once per load in the history, when it is heard', () => {
    const h = createHarness();
    h.engine.playIds([1, 2]);
    expect(h.state().queue.history).toEqual([]);
    h.music.playing();
    h.music.buffering(true);
    h.music.playing();
    h.engine.next();
    h.music.playing();
    expect(h.state().queue.history).toEqual([1, 2]);
  });

  it('buffering shows only while sound is wanted', () => {
    const h = createHarness();
    start(h, [1]);
    h.music.buffering(true);
    expect(h.state().buffering).toBe(true);
    h.engine.pause();
    h.music.buffering(true);
    expect(h.state().buffering).toBe(false);
    h.music.buffered([[0, 30]]);
    expect(h.state().buffered).toEqual([[0, 30]]);
  });
});

describe('editing the queue while it plays', () => {
  it('removing the current track starts the one that took its place; removing all goes idle', () => {
    const h = createHarness();
    start(h, [1, 2, 3]);
    const uidOf = (i: number) => h.state().queue.entries[i]!.uid;
    h.engine.remove(new Set([uidOf(2)]));
    expect(h.music.loads()).toHaveLength(1);
    h.engine.remove(new Set([uidOf(0)]));
    expect(h.loadedId()).toBe(2);
    expect(h.music.wantsPlay).toBe(true);
    h.engine.remove(new Set([uidOf(0)]));
    expect(h.state().status).toBe('idle');
    expect(h.music.source).toBeUndefined();
  });

  it('play next and add to queue on an empty queue wait paused at the first track', () => {
    const h = createHarness();
    h.engine.addToQueue([3, 4]);
    expect(h.state()).toMatchObject({ status: 'paused', position: 0 });
    expect(h.music.loads()).toEqual([]);
    h.engine.playNext([7]);
    expect(h.ids()).toEqual([3, 7, 4]);
    h.engine.play();
    expect(h.loadedId()).toBe(3);
  });

  it('jump to and clear', () => {
    const h = createHarness();
    start(h, [1, 2, 3, 4]);
    h.engine.jumpTo(2);
    expect(h.loadedId()).toBe(3);
    h.engine.move(2, 0);
    expect(h.ids()).toEqual([3, 1, 2, 4]);
    expect(h.currentId()).toBe(3);
    h.engine.clear();
    expect(h.ids()).toEqual([3]);
    expect(h.music.loads()).toHaveLength(2);
  });
});

describe('the saved queue', () => {
  it('is restored paused at the saved position, and loaded only on Play', () => {
    const h = createHarness({ restored: false });
    h.engine.restore(saved());
    expect(h.state()).toMatchObject({ status: 'paused', position: 83.5, duration: 200 });
    expect(h.currentId()).toBe(5);
    expect(h.music.loads()).toEqual([]);
    h.engine.play();
    expect(h.music.lastLoad()).toEqual({
      source: { src: 'media://track/5', format: 'mp3' },
      options: { position: 83.5 },
    });
    expect(h.music.wantsPlay).toBe(true);
  });

  it('a seek before Play moves where Play starts; Next loads paused', () => {
    const h = createHarness({ restored: false });
    h.engine.restore(saved());
    h.engine.seek(20);
    expect(h.music.loads()).toEqual([]);
    h.engine.play();
    expect(h.music.lastLoad()?.options).toEqual({ position: 20 });
    const other = createHarness({ restored: false });
    other.engine.restore(saved());
    other.engine.next();
    expect(other.loadedId()).toBe(6);
    expect(other.music.wantsPlay).toBe(false);
  });

  it('restores shuffle, repeat and history', () => {
    const h = createHarness({ restored: false });
    h.engine.restore(saved({ shuffle: true, unshuffled: [2, 0, 1], repeat: 'all', history: [9] }));
    expect(h.state().queue).toMatchObject({ shuffle: true, repeat: 'all', history: [9] });
    h.engine.toggleShuffle();
    expect(h.ids()).toEqual([6, 4, 5]);
    expect(h.currentId()).toBe(5);
  });

  it('does not replace what the user queued before it arrived, and saves that instead', () => {
    const h = createHarness({ restored: false });
    h.engine.playIds([1, 2]);
    vi.advanceTimersByTime(10_000);
    expect(h.saved.queues).toEqual([]);
    h.engine.restore(saved());
    expect(h.ids()).toEqual([1, 2]);
    vi.advanceTimersByTime(500);
    expect(h.saved.queues.map((q) => q.ids)).toEqual([[1, 2]]);
    // A second answer (a late one) is ignored.
    h.engine.restore(saved({ ids: [9] }));
    expect(h.ids()).toEqual([1, 2]);
  });

  it('queue changes save once after a burst; playing saves the position now and then', () => {
    const h = createHarness();
    start(h, [1, 2, 3, 4]);
    h.engine.move(0, 3);
    h.engine.move(3, 0);
    h.engine.toggleShuffle();
    vi.advanceTimersByTime(500);
    expect(h.saved.queues).toHaveLength(1);
    expect(h.saved.queues[0]).toMatchObject({ shuffle: true, index: 0 });
    for (let t = 1; t <= 12; t++) {
      h.music.time(t);
      vi.advanceTimersByTime(1_000);
    }
    expect(h.saved.positions.length).toBeGreaterThanOrEqual(2);
    expect(h.saved.positions.length).toBeLessThanOrEqual(3);
    h.engine.pause();
    vi.advanceTimersByTime(300);
    expect(h.saved.positions.at(-1)).toEqual({ index: 0, position: 12 });
    h.music.time(12.2);
    h.engine.flush();
    expect(h.saved.positions.at(-1)).toEqual({ index: 0, position: 12.2 });
  });
});

describe('preloading', () => {
  it('starts fetching the next track shortly before the end, once', () => {
    const h = createHarness({ preloadLeadSeconds: 10 });
    start(h, [1, 2, 3]);
    h.music.time(150);
    expect(h.music.preloads()).toEqual([]);
    h.music.time(190.5);
    h.music.time(191);
    expect(h.music.preloads()).toEqual([{ src: 'media://track/2', format: 'wav' }]);
    finish(h);
    h.music.ready(200);
    h.music.time(195);
    expect(h.music.preloads().at(-1)).toEqual({ src: 'media://track/3', format: 'mp3' });
    expect(h.music.preloads()).toHaveLength(2);
  });

  it('with repeat all the first track follows the last; with repeat one nothing is preloaded', () => {
    const h = createHarness();
    start(h, [1, 2], 1);
    h.engine.cycleRepeat();
    h.music.time(195);
    expect(h.music.preloads()).toEqual([{ src: 'media://track/1', format: 'mp3' }]);
    h.engine.cycleRepeat();
    h.music.time(196);
    expect(h.music.preloads()).toHaveLength(1);
    const last = createHarness();
    start(last, [1, 2], 1);
    last.music.time(195);
    expect(last.music.preloads()).toEqual([]);
  });

  it('a change of shuffle preloads what now follows', () => {
    const h = createHarness({ random: seededRandom(4) });
    start(h, [1, 2, 3, 4, 5]);
    h.music.time(195);
    h.engine.toggleShuffle();
    h.music.time(196);
    const following = h.state().queue.entries[1]!.id;
    expect(h.music.preloads().at(-1)?.src).toBe(`media://track/${following}`);
    expect(h.music.preloads()).toHaveLength(2);
  });
});

describe('volume', () => {
  it('starts at the store volume, is clamped, and a volume above 0 unmutes', () => {
    const h = createHarness();
    expect(h.music.volume).toBe(0.8);
    expect(h.music.muted).toBe(false);
    h.engine.setVolume(1.7);
    expect(h.music.volume).toBe(1);
    h.engine.setVolume(-2);
    expect(h.state().volume).toBe(0);
    h.engine.toggleMute();
    expect(h.music.muted).toBe(true);
    h.engine.setVolume(0);
    expect(h.state().muted).toBe(true);
    h.engine.setVolume(0.3);
    expect(h.state()).toMatchObject({ volume: 0.3, muted: false });
    expect(h.music.muted).toBe(false);
    h.engine.setMuted(true);
    expect(h.state().muted).toBe(true);
  });
});
