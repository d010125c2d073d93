import type { Howl, HowlOptions } from 'howler';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHowlerPlayer } from '../../../src-renderer/features/player/howler-player.ts';
import type { Player, PlayerEvent } from '../../../src-renderer/features/player/player.ts';

type Handler = (...args: unknown[]) => void;

/**
 * Stands in for howler's Howl in HTML5 mode: `_sounds[0]._node` is a real (happy-dom) audio
 * element the test dispatches events on, and every call is recorded.
 */
class FakeHowl {
  static made: FakeHowl[] = [];
  static withElement = true;
  readonly node = document.createElement('audio');
  readonly _sounds: Array<{ _id: number; _node: HTMLAudioElement }> = [];
  readonly calls: Array<[string, unknown[]]> = [];
  readonly soundId = 1000 + FakeHowl.made.length;
  unloaded = false;
  private loadState: 'loading' | 'loaded' | 'unloaded' = 'loading';
  private handlers: Array<{ event: string; fn: Handler; once: boolean }> = [];
  private level: number;
  readonly options: HowlOptions;

  constructor(options: HowlOptions) {
    this.options = options;
    this.level = options.volume ?? 1;
    if (FakeHowl.withElement) this._sounds.push({ _id: this.soundId, _node: this.node });
    FakeHowl.made.push(this);
  }
  state() {
    return this.loadState;
  }
  on(event: string, fn: Handler) {
    this.handlers.push({ event, fn, once: false });
    return this;
  }
  once(event: string, fn: Handler) {
    this.handlers.push({ event, fn, once: true });
    return this;
  }
  off() {
    this.handlers = [];
    return this;
  }
  emit(event: string) {
    for (const handler of this.handlers.filter((h) => h.event === event)) {
      if (handler.once) this.handlers = this.handlers.filter((h) => h !== handler);
      handler.fn();
    }
  }
  /** Howler has the metadata (its `load` event). */
  finishLoading() {
    this.loadState = 'loaded';
    this.emit('load');
  }
  play(id?: number) {
    this.calls.push(['play', [id]]);
    return id ?? this.soundId;
  }
  pause(id?: number) {
    this.calls.push(['pause', [id]]);
    return this;
  }
  seek(seconds?: number, id?: number) {
    this.calls.push(['seek', [seconds, id]]);
    if (typeof seconds === 'number') this.node.currentTime = seconds;
    return this;
  }
  volume(level?: number) {
    if (level === undefined) return this.level;
    this.calls.push(['volume', [level]]);
    this.level = level;
    return this;
  }
  fade(from: number, to: number, ms: number) {
    this.calls.push(['fade', [from, to, ms]]);
    this.level = to;
    return this;
  }
  unload() {
    this.calls.push(['unload', []]);
    this.unloaded = true;
    this.loadState = 'unloaded';
  }
  callsOf(name: string) {
    return this.calls.filter(([call]) => call === name).map(([, args]) => args);
  }
}

/** Sets what the element would know (read-only in a real element) and fires its events. */
function media(node: HTMLAudioElement, props: Record<string, unknown>) {
  for (const [key, value] of Object.entries(props)) {
    Object.defineProperty(node, key, { value, configurable: true });
  }
}
const fire = (howl: FakeHowl, ...types: string[]) =>
  types.forEach((type) => howl.node.dispatchEvent(new Event(type)));

function setup(options: { recoveryDelayMs?: number } = {}) {
  const player = createHowlerPlayer({
    HowlClass: FakeHowl as unknown as typeof Howl,
    ...options,
  });
  const events: Array<[PlayerEvent, unknown]> = [];
  const names: PlayerEvent[] = [
    'ready',
    'time',
    'buffering',
    'buffered',
    'playing',
    'ended',
    'error',
  ];
  for (const name of names) player.on(name, (payload) => events.push([name, payload]));
  const howl = (i: number) => FakeHowl.made[i]!;
  return { player, events, howl, last: () => FakeHowl.made.at(-1)! };
}

const track = (id: number, format = 'mp3') => ({ src: `media://track/${id}`, format });

/** Loads, lets howler finish and starts playing: sound is coming out. */
function playing(player: Player, howl: () => FakeHowl) {
  player.load(track(1));
  howl().finishLoading();
  player.play();
  fire(howl(), 'playing');
}

beforeEach(() => {
  FakeHowl.made = [];
  FakeHowl.withElement = true;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the howler adapter', () => {
  it('streams through the element with an explicit format, one Howl per track', () => {
    const { player, howl, events } = setup();
    player.load(track(1, 'wav'));
    expect(howl(0).options).toMatchObject({
      src: ['media://track/1'],
      format: ['wav'],
      html5: true,
      preload: true,
    });
    // Howler's wall-clock end timer must never beat the element's own `ended`.
    const sprite = howl(0).options.sprite as Record<string, [number, number]>;
    expect(sprite.__default![1]).toBeGreaterThan(24 * 3600 * 1000);
    player.load(track(2, ''));
    expect(howl(1).options.format).toEqual(['mp3']);
    expect(howl(0).unloaded).toBe(true);
    // The old element no longer speaks for the player.
    fire(howl(0), 'playing', 'ended');
    expect(events).toEqual([]);
    expect(FakeHowl.made).toHaveLength(2);
  });

  it('plays once howler has loaded, names the sound in every call, and starts at a position', () => {
    const { player, howl } = setup();
    player.load(track(1), { position: 30 });
    player.play();
    expect(howl(0).callsOf('play')).toEqual([]);
    expect(player.position()).toBe(30);
    player.seek(45);
    howl(0).finishLoading();
    const id = howl(0).soundId;
    // The last seek wins, and it comes before the sound starts.
    expect(howl(0).calls).toEqual([
      ['seek', [45, id]],
      ['play', [id]],
    ]);
    player.pause();
    expect(howl(0).callsOf('pause')).toEqual([[id]]);
    player.load(track(2), { position: 12 });
    howl(1).finishLoading();
    expect(howl(1).calls).toEqual([['seek', [12, howl(1).soundId]]]);
  });

  it('turns the element’s events into ready, time, buffering, buffered, playing and ended', () => {
    const { player, howl, events } = setup();
    player.load(track(1));
    media(howl(0).node, { duration: 200 });
    fire(howl(0), 'loadedmetadata');
    expect(events).toEqual([['ready', { duration: 200 }]]);
    events.length = 0;
    fire(howl(0), 'waiting');
    expect(events).toEqual([]);
    howl(0).finishLoading();
    player.play();
    fire(howl(0), 'waiting', 'playing');
    howl(0).node.currentTime = 12.5;
    fire(howl(0), 'timeupdate');
    const ranges = [
      [0, 30],
      [60, 90],
    ];
    media(howl(0).node, {
      buffered: {
        length: 2,
        start: (i: number) => ranges[i]![0],
        end: (i: number) => ranges[i]![1],
      },
    });
    fire(howl(0), 'progress', 'stalled', 'canplay', 'ended');
    expect(events).toEqual([
      ['buffering', true],
      ['buffering', false],
      ['playing', undefined],
      ['time', { position: 12.5, duration: 200 }],
      ['buffered', ranges],
      ['buffering', true],
      ['buffering', false],
      ['ended', undefined],
    ]);
    expect(howl(0).callsOf('pause')).toEqual([[howl(0).soundId]]);
    expect(player.duration()).toBe(200);
  });

  it('clamps seeks to the playable part, short of the very end', () => {
    const { player, howl } = setup();
    player.load(track(1));
    media(howl(0).node, { duration: 100 });
    howl(0).finishLoading();
    for (const [asked, done] of [
      [150, 99.5],
      [-5, 0],
      [Number.NaN, 0],
      [40, 40],
    ]) {
      player.seek(asked!);
      expect(howl(0).callsOf('seek').at(-1)).toEqual([done, howl(0).soundId]);
    }
    expect(player.position()).toBe(40);
  });

  it('rebuilds the sound once after an error mid-track and seeks back to where it was', async () => {
    const { player, howl, events } = setup();
    playing(player, () => howl(0));
    howl(0).node.currentTime = 42;
    fire(howl(0), 'timeupdate');
    events.length = 0;
    media(howl(0).node, { error: { code: 2 } });
    fire(howl(0), 'error');
    expect(events).toEqual([['buffering', true]]);
    await vi.advanceTimersByTimeAsync(399);
    expect(FakeHowl.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(howl(0).unloaded).toBe(true);
    expect(howl(1).options.src).toEqual(['media://track/1']);
    expect(player.position()).toBe(42);
    howl(1).finishLoading();
    expect(howl(1).calls).toEqual([
      ['seek', [42, howl(1).soundId]],
      ['play', [howl(1).soundId]],
    ]);
    // A second error is reported: the engine's policy takes over.
    media(howl(1).node, { error: { code: 3 } });
    fire(howl(1), 'error');
    expect(events.at(-1)).toEqual(['error', { code: 3, stage: 'playback' }]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeHowl.made).toHaveLength(2);
  });

  it('allows another rebuild once the rebuilt sound has played cleanly for a while', async () => {
    const { player, howl, events } = setup({ recoveryDelayMs: 10 });
    playing(player, () => howl(0));
    howl(0).node.currentTime = 20;
    fire(howl(0), 'timeupdate', 'error');
    await vi.advanceTimersByTimeAsync(10);
    howl(1).finishLoading();
    fire(howl(1), 'playing');
    howl(1).node.currentTime = 26;
    fire(howl(1), 'timeupdate', 'error');
    await vi.advanceTimersByTimeAsync(10);
    expect(FakeHowl.made).toHaveLength(3);
    expect(events.some(([name]) => name === 'error')).toBe(false);
  });

  it('reports an error before any sound at once, as a load failure', () => {
    const { player, howl, events } = setup();
    player.load(track(1));
    player.play();
    media(howl(0).node, { error: { code: 4 } });
    fire(howl(0), 'error');
    expect(events).toEqual([['error', { code: 4, stage: 'load' }]]);
    expect(FakeHowl.made).toHaveLength(1);
  });

  it('without an element (no codec), howler’s loaderror is the signal', () => {
    FakeHowl.withElement = false;
    const { player, howl, events } = setup();
    player.load(track(1, 'flac'));
    howl(0).emit('loaderror');
    expect(events).toEqual([['error', { code: 4, stage: 'load' }]]);
  });

  it('plays on unlock when the browser refused autoplay', () => {
    const { player, howl } = setup();
    player.load(track(1));
    howl(0).finishLoading();
    player.play();
    howl(0).emit('playerror');
    howl(0).emit('unlock');
    expect(howl(0).callsOf('play')).toHaveLength(2);
  });
});

describe('preloading the next track', () => {
  it('reuses the preloaded sound when that track comes up', () => {
    const { player, howl, events } = setup();
    player.load(track(1));
    player.preload(track(1));
    expect(FakeHowl.made).toHaveLength(1);
    player.preload(track(2));
    player.preload(track(2));
    expect(FakeHowl.made).toHaveLength(2);
    howl(1).finishLoading();
    player.load(track(2));
    expect(FakeHowl.made).toHaveLength(2);
    expect(howl(0).unloaded).toBe(true);
    expect(howl(1).unloaded).toBe(false);
    player.play();
    expect(howl(1).callsOf('play')).toEqual([[howl(1).soundId]]);
    fire(howl(1), 'playing');
    expect(events.at(-1)).toEqual(['playing', undefined]);
  });

  it('replaces a preload that is no longer next, and never uses one that failed', () => {
    const { player, howl, events } = setup();
    player.load(track(1));
    player.preload(track(2));
    player.preload(track(3));
    expect(howl(1).unloaded).toBe(true);
    fire(howl(2), 'error');
    expect(events).toEqual([]);
    player.load(track(3));
    expect(FakeHowl.made).toHaveLength(4);
    expect(howl(2).unloaded).toBe(true);
    expect(howl(3).options.src).toEqual(['media://track/3']);
  });
});

describe('volume', () => {
  it('applies volume, mute and ducking to the sound, fading the duck', () => {
    const { player, howl } = setup();
    player.setVolume(0.5);
    player.load(track(1));
    expect(howl(0).options.volume).toBe(0.5);
    howl(0).finishLoading();
    player.preload(track(2));
    player.setMuted(true);
    expect(howl(0).volume()).toBe(0);
    expect(howl(1).volume()).toBe(0);
    player.setMuted(false);
    player.duck(0.2);
    expect(howl(0).callsOf('fade').at(-1)).toEqual([0.5, 0.1, 400]);
    // A sound not yet loaded takes the level straight away.
    expect(howl(1).volume()).toBeCloseTo(0.1);
    player.unduck();
    expect(howl(0).callsOf('fade').at(-1)).toEqual([0.1, 0.5, 400]);
    player.setVolume(3);
    expect(howl(0).volume()).toBe(1);
  });

  it('dispose unloads everything and goes silent', () => {
    const { player, howl, events } = setup();
    player.load(track(1));
    player.preload(track(2));
    player.dispose();
    expect(howl(0).unloaded && howl(1).unloaded).toBe(true);
    fire(howl(0), 'playing');
    expect(events).toEqual([]);
  });
});
