import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackCheck } from '../../../src-preload/contract/schemas/player.ts';
import { maxFailuresInARow } from '../../../src-renderer/features/player/failure-policy.ts';
import { createHarness, problem, settle, type Harness } from './support/engine-harness.ts';

const gone = problem('not-found', 'Queye Music does not know this track any more.', {
  action: 'Remove it from the queue.',
  requestId: 'req_404',
});
const offline = problem('network', 'Aislecast could not reach Queye Music.', {
  action: 'Check the internet connection.',
});

/** Plays `ids` from the first and lets the first track sound, `at` seconds in. */
function playing(h: Harness, ids: number[], at = 0) {
  h.engine.playIds(ids);
  h.music.ready(200);
  h.music.playing();
  if (at) h.music.time(at);
}

/** The player gives up on the current track; the policy asks main why. */
async function fail(h: Harness) {
  h.music.fail();
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a track that cannot be played', () => {
  it('is skipped with a toast naming it and the reason, and the next one plays', async () => {
    const h = createHarness({ check: (id) => (id === 2 ? gone : { playable: true }) });
    playing(h, [1, 2, 3]);
    h.engine.next();
    await fail(h);
    expect(h.checkTrack).toHaveBeenCalledWith(2);
    expect(h.toasts).toEqual([
      {
        tone: 'error',
        title: 'Skipped “Song 2”',
        description: 'Queye Music does not know this track any more. Remove it from the queue.',
        reference: 'req_404',
      },
    ]);
    expect(h.currentId()).toBe(3);
    expect(h.loadedId()).toBe(3);
    expect(h.music.wantsPlay).toBe(true);
    expect(h.state().status).toBe('loading');
  });

  it('refused access is skipped the same way', async () => {
    const h = createHarness({ check: () => problem('no-access', 'Queye refused the stream.') });
    playing(h, [1, 2]);
    await fail(h);
    expect(h.toasts[0]!.title).toBe('Skipped “Song 1”');
    expect(h.toasts[0]!.description).toBe('Queye refused the stream.');
    expect(h.loadedId()).toBe(2);
  });

  it(`stops after ${maxFailuresInARow} in a row with a clear message instead of racing on`, async () => {
    const h = createHarness({ check: () => gone });
    h.engine.playIds([1, 2, 3, 4, 5]);
    for (let i = 0; i < maxFailuresInARow; i++) await fail(h);
    // The last one is not skipped: playback stops on it, and its toast says so.
    expect(h.toasts.map((toast) => toast.title)).toEqual([
      'Skipped “Song 1”',
      'Skipped “Song 2”',
      '“Song 3” could not be played',
    ]);
    const { status, problem: stopped, buffering } = h.state();
    expect(status).toBe('stopped');
    expect(buffering).toBe(false);
    expect(stopped).toEqual({
      message:
        'Playback stopped: 3 tracks in a row could not be played. Last reason: Queye Music does not know this track any more.',
      action: 'Check your Queye connection in Settings, then press Play to try again.',
      reference: 'req_404',
    });
    // It stays on the third failure; nothing more is loaded or asked.
    expect(h.currentId()).toBe(3);
    expect(h.music.loads()).toHaveLength(3);
    expect(h.music.wantsPlay).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.checkTrack).toHaveBeenCalledTimes(3);
    // Play tries that track again, with a fresh count.
    h.engine.play();
    expect(h.loadedId()).toBe(3);
    expect(h.state().status).toBe('loading');
    expect(h.state().problem).toBeUndefined();
  });

  it('counts only failures in a row: a track that plays resets the count', async () => {
    const h = createHarness({ check: (id) => (id === 3 ? { playable: true } : gone) });
    h.engine.playIds([1, 2, 3, 4, 5, 6]);
    await fail(h);
    await fail(h);
    expect(h.currentId()).toBe(3);
    h.music.playing();
    h.engine.next();
    await fail(h);
    await fail(h);
    expect(h.state().status).not.toBe('stopped');
    expect(h.currentId()).toBe(6);
  });

  it('the last track of the queue failing stops with its own message', async () => {
    const h = createHarness({ check: () => gone });
    playing(h, [1]);
    await fail(h);
    expect(h.state().status).toBe('stopped');
    expect(h.state().problem?.message).toBe(
      'Playback stopped: the last track in the queue could not be played.',
    );
  });

  it('that the stream says is fine is reloaded once at the same place, then called undecodable', async () => {
    const h = createHarness();
    playing(h, [1, 2], 42);
    await fail(h);
    expect(h.music.loads()).toHaveLength(2);
    expect(h.music.lastLoad()).toEqual({
      source: { src: 'media://track/1', format: 'mp3' },
      options: { position: 42 },
    });
    expect(h.music.wantsPlay).toBe(true);
    expect(h.toasts).toEqual([]);
    h.music.time(43);
    await fail(h);
    expect(h.toasts).toHaveLength(1);
    expect(h.toasts[0]).toMatchObject({
      title: 'Skipped “Song 1”',
      description:
        'The track’s audio could not be decoded. The file may be damaged in your Queye library; try re-uploading it there.',
    });
    expect(h.loadedId()).toBe(2);
  });

  it('that fails while paused is skipped without starting playback', async () => {
    const h = createHarness({ check: (id) => (id === 2 ? gone : { playable: true }) });
    playing(h, [1, 2, 3]);
    h.engine.pause();
    h.engine.next();
    expect(h.music.wantsPlay).toBe(false);
    await fail(h);
    expect(h.currentId()).toBe(3);
    expect(h.music.wantsPlay).toBe(false);
    expect(h.state().status).toBe('paused');
  });

  it('ignores an answer that arrives after the user moved on', async () => {
    let answer: (check: TrackCheck) => void = () => {};
    const h = createHarness({ check: () => new Promise<TrackCheck>((r) => (answer = r)) });
    playing(h, [1, 2, 3]);
    h.music.fail();
    h.engine.jumpTo(2);
    answer(gone);
    await settle();
    expect(h.toasts).toEqual([]);
    expect(h.currentId()).toBe(3);
    expect(h.music.loads()).toHaveLength(2);
  });
});

describe('when Queye is out of reach', () => {
  it('waits for the network, then resumes at the same place when it returns', async () => {
    let online = false;
    const h = createHarness({ check: () => (online ? { playable: true } : offline) });
    playing(h, [1, 2], 97.5);
    await fail(h);
    expect(h.state().status).toBe('waiting-network');
    expect(h.state().problem).toEqual({
      message:
        'Queye Music is out of reach. Playback resumes where it stopped as soon as the connection is back.',
      action: 'Check the internet connection.',
    });
    expect(h.music.count('stop')).toBe(1);
    expect(h.toasts).toEqual([]);
    online = true;
    h.networkBack();
    await settle();
    expect(h.music.lastLoad()?.options).toEqual({ position: 97.5 });
    expect(h.loadedId()).toBe(1);
    expect(h.music.wantsPlay).toBe(true);
    h.music.playing();
    expect(h.state().status).toBe('playing');
    expect(h.state().problem).toBeUndefined();
  });

  it('asks again with a growing pause (2 s, 4 s, 8 s … at most 30 s) and resumes by itself', async () => {
    let online = false;
    const h = createHarness({ check: () => (online ? { playable: true } : offline) });
    playing(h, [1, 2], 10);
    await fail(h);
    const checksAt = (ms: number) =>
      vi.advanceTimersByTimeAsync(ms).then(() => h.checkTrack.mock.calls.length);
    expect(await checksAt(1_999)).toBe(1);
    expect(await checksAt(1)).toBe(2);
    expect(await checksAt(3_999)).toBe(2);
    expect(await checksAt(1)).toBe(3);
    expect(await checksAt(8_000)).toBe(4);
    expect(await checksAt(16_000)).toBe(5);
    expect(await checksAt(29_999)).toBe(5);
    expect(await checksAt(1)).toBe(6);
    expect(await checksAt(30_000)).toBe(7);
    expect(h.music.loads()).toHaveLength(1);
    online = true;
    await checksAt(30_000);
    expect(h.music.loads()).toHaveLength(2);
    expect(h.music.lastLoad()?.options).toEqual({ position: 10 });
  });

  it('Try again (Play) asks at once; Pause stops waiting', async () => {
    const h = createHarness({ check: () => offline });
    playing(h, [1, 2], 5);
    await fail(h);
    h.engine.play();
    await settle();
    expect(h.checkTrack).toHaveBeenCalledTimes(2);
    expect(h.state().status).toBe('waiting-network');
    h.engine.togglePlay();
    expect(h.state().status).toBe('paused');
    expect(h.state().problem).toBeUndefined();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.checkTrack).toHaveBeenCalledTimes(2);
    h.networkBack();
    await settle();
    expect(h.checkTrack).toHaveBeenCalledTimes(2);
  });

  it('a seek while waiting moves where playback resumes', async () => {
    let online = false;
    const h = createHarness({ check: () => (online ? { playable: true } : offline) });
    playing(h, [1, 2], 30);
    await fail(h);
    h.engine.seek(120);
    expect(h.state()).toMatchObject({ status: 'waiting-network', position: 120 });
    online = true;
    h.networkBack();
    await settle();
    expect(h.music.lastLoad()?.options).toEqual({ position: 120 });
  });

  it('a bridge call that fails counts as out of reach', async () => {
    const h = createHarness({ check: () => Promise.reject(new Error('bridge closed')) });
    playing(h, [1, 2]);
    await fail(h);
    expect(h.state().status).toBe('waiting-network');
    expect(h.state().problem?.message).toMatch(/out of reach/);
  });

  it('the track turning out to be gone once the network is back is skipped', async () => {
    let answer = offline;
    const h = createHarness({ check: () => answer });
    playing(h, [1, 2], 30);
    await fail(h);
    answer = gone;
    h.networkBack();
    await settle();
    expect(h.toasts[0]?.title).toBe('Skipped “Song 1”');
    expect(h.loadedId()).toBe(2);
    h.music.playing();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.checkTrack).toHaveBeenCalledTimes(2);
  });
});

describe('when signed out of Queye', () => {
  it('stops with the reason instead of failing every track in turn', async () => {
    const h = createHarness({
      check: () =>
        problem('signed-out', 'You are not signed in to Queye Music.', {
          action: 'Connect your account in Settings.',
          requestId: 'loc_1',
        }),
    });
    playing(h, [1, 2, 3]);
    await fail(h);
    expect(h.state().status).toBe('stopped');
    expect(h.state().problem).toEqual({
      message: 'You are not signed in to Queye Music.',
      action: 'Connect your account in Settings.',
      reference: 'loc_1',
    });
    expect(h.toasts).toEqual([]);
    expect(h.currentId()).toBe(1);
    expect(h.music.loads()).toHaveLength(1);
  });
});

describe('when the stream stalls without an error', () => {
  it('asks main after the stall timeout, reloads a stream that is fine, and waits for an unreachable one', async () => {
    let answer: TrackCheck = { playable: true };
    const h = createHarness({ check: () => answer, stallTimeoutMs: 10_000 });
    playing(h, [1, 2], 30);
    // Buffering at 30 s, and nothing moves.
    h.music.buffering(true);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(h.checkTrack).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(h.checkTrack).toHaveBeenCalledTimes(1);
    // Fine after all: the same track again, at the same place, no toast, no skip.
    expect(h.loadedId()).toBe(1);
    expect(h.music.lastLoad()?.options?.position).toBe(30);
    expect(h.toasts).toEqual([]);

    // Stuck again (the reload never starts): the next look waits twice as long.
    answer = offline;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(h.checkTrack).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(h.checkTrack).toHaveBeenCalledTimes(2);
    expect(h.state().status).toBe('waiting-network');
  });

  it('leaves slow but moving playback alone', async () => {
    const h = createHarness({ stallTimeoutMs: 10_000 });
    playing(h, [1]);
    h.music.buffering(true);
    for (let t = 1; t <= 6; t++) {
      h.music.time(t * 5);
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(h.checkTrack).not.toHaveBeenCalled();
  });
});
