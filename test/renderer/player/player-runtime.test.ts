import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedQueue } from '../../../src-preload/contract/schemas/player.ts';
import {
  requestAddToQueue,
  requestPlay,
  requestPlayNext,
  usePlayRequest,
} from '../../../src-renderer/features/player/play-request.ts';
import { initialEngineState } from '../../../src-renderer/features/player/engine-state.ts';
import { startPlayer } from '../../../src-renderer/features/player/player-runtime.ts';
import { playerEngine, usePlayer } from '../../../src-renderer/features/player/player-store.ts';
import { useSettings } from '../../../src-renderer/features/settings/settings-store.ts';
import { useToasts } from '../../../src-renderer/ui/toast-store.ts';
import { installFakeBridge, type FakeHandlers } from '../support/fake-bridge.ts';
import { defaultSettings, shellHandlers } from '../support/fixtures.ts';
import { settle } from './support/engine-harness.ts';
import { fakePlayers } from './support/fake-player.ts';
import { clearLibrary, installLibrary, songs } from './support/library.ts';

const saved: SavedQueue = {
  ids: [3, 4, 5],
  index: 1,
  position: 42.5,
  shuffle: false,
  repeat: 'all',
  history: [3],
};

let stop: (() => void) | undefined;

/** Starts the player as the app does, over a fake bridge and fake audio. */
async function start(handlers: FakeHandlers = {}) {
  const bridge = installFakeBridge(
    shellHandlers({
      'player.loadQueue': () => saved,
      'player.saveQueue': () => ({ savedAt: 'now' }),
      'player.savePosition': () => ({ savedAt: 'now' }),
      'stream.check': () => ({ playable: true }),
      ...handlers,
    }),
  );
  const players = fakePlayers();
  stop = startPlayer({ createPlayer: players.factory });
  await vi.advanceTimersByTimeAsync(0);
  const music = players.created[0]!;
  const callsOf = (name: string) => bridge.calls.filter((c) => c.name === name).map((c) => c.args);
  return { bridge, players, music, callsOf };
}

beforeEach(() => {
  vi.useFakeTimers();
  usePlayer.setState(initialEngineState, true);
  usePlayRequest.setState({ request: undefined });
  useToasts.setState({ toasts: [] });
  useSettings.setState({ settings: structuredClone(defaultSettings) });
  installLibrary(songs(20_000));
});
afterEach(() => {
  stop?.();
  stop = undefined;
  clearLibrary();
  vi.useRealTimers();
});

describe('starting the player', () => {
  it('restores the saved queue paused where it stood, and loads it only on Play', async () => {
    const { music } = await start();
    expect(usePlayer.getState()).toMatchObject({
      status: 'paused',
      position: 42.5,
      restored: true,
    });
    expect(usePlayer.getState().queue.entries.map((e) => e.id)).toEqual([3, 4, 5]);
    expect(music.loads()).toEqual([]);
    playerEngine()!.play();
    expect(music.lastLoad()).toEqual({
      source: { src: 'media://track/4', format: 'mp3' },
      options: { position: 42.5 },
    });
  });

  it('starts empty when the saved queue cannot be read', async () => {
    await start({ 'player.loadQueue': () => Promise.reject(new Error('unreadable')) });
    expect(usePlayer.getState()).toMatchObject({ status: 'idle', restored: true });
  });

  it('turns play requests into the queue, and says how many were queued', async () => {
    const { music } = await start({ 'player.loadQueue': () => null });
    const many = Array.from({ length: 20_000 }, (_, i) => i + 1);
    requestPlay([7, 8, 9], 1);
    expect(music.lastLoad()?.source.src).toBe('media://track/8');
    expect(music.wantsPlay).toBe(true);
    requestPlayNext(many);
    requestAddToQueue([1]);
    expect(useToasts.getState().toasts.map((t) => t.title)).toEqual([
      '20,000 tracks will play next.',
      'Added 1 track to the queue.',
    ]);
    const ids = usePlayer.getState().queue.entries.map((e) => e.id);
    expect(ids).toHaveLength(20_004);
    expect(ids.slice(0, 3)).toEqual([7, 8, 1]);
    expect(ids.at(-1)).toBe(1);
  });

  it('saves the queue through main in the form main accepts', async () => {
    const { callsOf } = await start({ 'player.loadQueue': () => null });
    requestPlay([7, 8, 9, 10, 11]);
    playerEngine()!.toggleShuffle();
    await vi.advanceTimersByTimeAsync(500);
    const [queue] = callsOf('player.saveQueue') as SavedQueue[];
    expect(queue).toMatchObject({ index: 0, shuffle: true, repeat: 'off', position: 0 });
    expect(queue!.ids[0]).toBe(7);
    expect([...queue!.ids].sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11]);
    // The order to return to, as positions in the play order.
    expect(queue!.unshuffled!.map((i) => queue!.ids[i])).toEqual([7, 8, 9, 10, 11]);
  });
});

describe('volume and mute', () => {
  it('start from the saved settings and are saved once after a change settles', async () => {
    useSettings.setState({
      settings: { ...structuredClone(defaultSettings), player: { volume: 0.4, muted: true } },
    });
    const { music, callsOf } = await start();
    expect(music.volume).toBe(0.4);
    expect(music.muted).toBe(true);
    for (const volume of [0.5, 0.6, 0.7]) {
      playerEngine()!.setVolume(volume);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(callsOf('settings.set')).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    expect(callsOf('settings.set')).toEqual([{ player: { volume: 0.7, muted: false } }]);
  });

  it('arrive late with the settings, and are applied once', async () => {
    useSettings.setState({ settings: undefined });
    const { music } = await start();
    expect(music.volume).toBe(0.8);
    useSettings.setState({
      settings: { ...structuredClone(defaultSettings), player: { volume: 0.3, muted: false } },
    });
    expect(music.volume).toBe(0.3);
    playerEngine()!.setVolume(0.9);
    useSettings.setState({
      settings: { ...structuredClone(defaultSettings), player: { volume: 0.1, muted: false } },
    });
    expect(music.volume).toBe(0.9);
  });
});

describe('the window around the player', () => {
  it('asks main why a track failed, and retries when the browser is back online', async () => {
    let online = false;
    const { music, callsOf } = await start({
      'player.loadQueue': () => null,
      'stream.check': () =>
        online
          ? { playable: true }
          : {
              playable: false,
              reason: 'network',
              error: { code: 'network_error', message: 'Offline.' },
            },
    });
    requestPlay([7]);
    music.fail();
    await settle();
    expect(callsOf('stream.check')).toEqual([{ trackId: 7 }]);
    expect(usePlayer.getState().status).toBe('waiting-network');
    online = true;
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(music.loads()).toHaveLength(2);
  });

  it('saves where playback stands when the page goes away', async () => {
    const { music, callsOf } = await start();
    playerEngine()!.play();
    music.time(50);
    await vi.advanceTimersByTimeAsync(1_000);
    const before = callsOf('player.savePosition').length;
    music.time(51.24);
    window.dispatchEvent(new Event('pagehide'));
    expect(callsOf('player.savePosition').slice(before)).toEqual([{ index: 1, position: 51.2 }]);
  });

  it('stopping takes it all down and ignores later requests', async () => {
    const { music, players } = await start();
    stop!();
    stop = undefined;
    expect(playerEngine()).toBeUndefined();
    expect(music.disposed).toBe(true);
    requestPlay([1]);
    expect(music.loads()).toEqual([]);
    expect(players.created).toHaveLength(1);
  });
});
