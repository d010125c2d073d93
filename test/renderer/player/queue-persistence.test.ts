import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SavedQueueArgs,
  type SavedPositionArgs,
  type SavedQueue,
} from '../../../src-preload/contract/schemas/player.ts';
import {
  createQueuePersistence,
  fromSaved,
  toSaved,
} from '../../../src-renderer/features/player/queue-persistence.ts';
import * as Q from '../../../src-renderer/features/player/queue.ts';
import { seededRandom } from './support/engine-harness.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function setup(timing?: Parameters<typeof createQueuePersistence>[2]) {
  const queues: SavedQueue[] = [];
  const positions: SavedPositionArgs[] = [];
  let current = { queue: Q.playNow(Q.emptyQueue, [1, 2, 3], 0, Math.random), position: 0 };
  const saver = {
    save: vi.fn((queue: SavedQueue) => Promise.resolve(queues.push(queue))),
    savePosition: vi.fn((position: SavedPositionArgs) => Promise.resolve(positions.push(position))),
  };
  const persistence = createQueuePersistence(saver, () => current, timing);
  return {
    persistence,
    saver,
    queues,
    positions,
    update(patch: Partial<typeof current>) {
      current = { ...current, ...patch };
    },
    get queue() {
      return current.queue;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('saving the queue', () => {
  it('saves a burst of changes once, after a quiet spell, with the newest state', () => {
    const s = setup();
    for (let i = 0; i < 10; i++) {
      s.update({ queue: Q.move(s.queue, 0, 2) });
      s.persistence.queueChanged();
      vi.advanceTimersByTime(100);
    }
    expect(s.saver.save).not.toHaveBeenCalled();
    s.update({ queue: Q.addToEnd(s.queue, [9]), position: 12.345 });
    s.persistence.queueChanged();
    vi.advanceTimersByTime(499);
    expect(s.saver.save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(s.queues).toHaveLength(1);
    expect(s.queues[0]!.ids).toEqual([...s.queue.entries.map((e) => e.id)]);
    expect(s.queues[0]!.ids.at(-1)).toBe(9);
    expect(s.queues[0]!.position).toBe(12.3);
    vi.advanceTimersByTime(10_000);
    expect(s.saver.save).toHaveBeenCalledTimes(1);
  });

  it('a full save carries the position, so a pending position save is dropped', () => {
    const s = setup();
    s.persistence.positionChanged(false);
    s.persistence.queueChanged();
    // While the queue save is pending, position changes wait for it.
    s.persistence.positionChanged(true);
    vi.advanceTimersByTime(10_000);
    expect(s.saver.save).toHaveBeenCalledTimes(1);
    expect(s.saver.savePosition).not.toHaveBeenCalled();
  });

  it('a failed save does not throw or stop later saves', async () => {
    const s = setup();
    s.saver.save.mockRejectedValueOnce(new Error('disk full'));
    s.persistence.queueChanged();
    vi.advanceTimersByTime(500);
    await vi.runAllTimersAsync();
    s.persistence.queueChanged();
    vi.advanceTimersByTime(500);
    expect(s.saver.save).toHaveBeenCalledTimes(2);
  });

  it('tells once per run of failed saves (main could not write), again after a success', async () => {
    const failures: unknown[] = [];
    const queues: SavedQueue[] = [];
    const saver = {
      save: vi.fn((queue: SavedQueue) => Promise.resolve(queues.push(queue))),
      savePosition: vi.fn(() => Promise.resolve(0)),
    };
    const current = { queue: Q.playNow(Q.emptyQueue, [1, 2, 3], 0, Math.random), position: 0 };
    const persistence = createQueuePersistence(
      saver,
      () => current,
      {},
      (error) => failures.push(error),
    );
    const round = async () => {
      persistence.queueChanged();
      await vi.advanceTimersByTimeAsync(500);
    };
    saver.save.mockRejectedValueOnce(new Error('queue_not_saved'));
    saver.save.mockRejectedValueOnce(new Error('queue_not_saved'));
    await round();
    await round();
    expect(failures).toHaveLength(1);
    await round();
    saver.save.mockRejectedValueOnce(new Error('queue_not_saved'));
    await round();
    expect(failures).toHaveLength(2);
    expect(queues).toHaveLength(1);
  });
});

describe('saving the position', () => {
  it('while playing, every few seconds: the small call, never the whole queue', () => {
    const s = setup();
    for (let t = 0; t < 20_000; t += 250) {
      s.update({ position: t / 1000 });
      s.persistence.positionChanged(false);
      vi.advanceTimersByTime(250);
    }
    expect(s.saver.save).not.toHaveBeenCalled();
    expect(s.positions).toHaveLength(4);
    expect(s.positions.map((p) => p.position)).toEqual([4.8, 9.8, 14.8, 19.8]);
    expect(s.positions[0]!.index).toBe(0);
  });

  it('soon after a pause or a seek, even while a periodic save is pending', () => {
    const s = setup();
    s.persistence.positionChanged(false);
    vi.advanceTimersByTime(1_000);
    s.update({ position: 42 });
    s.persistence.positionChanged(true);
    vi.advanceTimersByTime(299);
    expect(s.positions).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(s.positions).toEqual([{ index: 0, position: 42 }]);
    // The periodic timer was replaced, not left to fire as well.
    vi.advanceTimersByTime(10_000);
    expect(s.positions).toHaveLength(1);
  });

  it('a second urgent change does not push the save further out', () => {
    const s = setup();
    s.persistence.positionChanged(true);
    vi.advanceTimersByTime(200);
    s.update({ position: 7 });
    s.persistence.positionChanged(true);
    vi.advanceTimersByTime(100);
    expect(s.positions).toEqual([{ index: 0, position: 7 }]);
  });

  it('an empty queue saves index -1', () => {
    const s = setup();
    s.update({ queue: Q.emptyQueue, position: 3 });
    s.persistence.positionChanged(true);
    vi.advanceTimersByTime(300);
    expect(s.positions).toEqual([{ index: -1, position: 3 }]);
  });

  it('honours its timing options', () => {
    const s = setup({ queueDelayMs: 50, positionEveryMs: 1_000, urgentDelayMs: 10 });
    s.persistence.positionChanged(true);
    vi.advanceTimersByTime(10);
    expect(s.positions).toHaveLength(1);
    s.persistence.positionChanged(false);
    vi.advanceTimersByTime(1_000);
    expect(s.positions).toHaveLength(2);
    s.persistence.queueChanged();
    vi.advanceTimersByTime(50);
    expect(s.queues).toHaveLength(1);
  });
});

describe('flush and dispose', () => {
  it('flush writes a pending queue at once, and nothing more later', () => {
    const s = setup();
    s.persistence.queueChanged();
    s.persistence.flush();
    expect(s.queues).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(s.queues).toHaveLength(1);
    expect(s.positions).toHaveLength(0);
  });

  it('flush without a pending queue writes the position', () => {
    const s = setup();
    s.update({ position: 61.26 });
    s.persistence.positionChanged(false);
    s.persistence.flush();
    expect(s.positions).toEqual([{ index: 0, position: 61.3 }]);
    vi.advanceTimersByTime(10_000);
    expect(s.positions).toHaveLength(1);
  });

  it('dispose drops whatever was pending', () => {
    const s = setup();
    s.persistence.queueChanged();
    s.persistence.dispose();
    vi.advanceTimersByTime(10_000);
    expect(s.saver.save).not.toHaveBeenCalled();
  });
});

describe('the saved form', () => {
  it('round-trips a plain queue: IDs, index, position, repeat and history', () => {
    let state = Q.playNow({ ...Q.emptyQueue, repeat: 'one' }, [5, 6, 5, 7], 2, Math.random);
    state = Q.recordPlayed(Q.recordPlayed(state, 5), 6);
    const saved = toSaved(state, 83.04);
    expect(saved).toEqual({
      ids: [5, 6, 5, 7],
      index: 2,
      position: 83,
      shuffle: false,
      repeat: 'one',
      history: [5, 6],
    });
    expect(SavedQueueArgs.safeParse(saved).success).toBe(true);
    const back = fromSaved(saved);
    expect(back.entries.map((e) => e.id)).toEqual([5, 6, 5, 7]);
    expect(back.index).toBe(2);
    expect(back.repeat).toBe('one');
    expect(back.history).toEqual([5, 6]);
    expect(back.unshuffled).toBeUndefined();
  });

  it('round-trips a shuffled queue, so shuffle off after a restart restores the old order', () => {
    let state = Q.playNow(Q.emptyQueue, range(40), 3, Math.random);
    state = Q.setShuffle(state, true, seededRandom(8));
    state = Q.playNext(state, [100, 100]);
    const saved = toSaved(state, 0);
    expect(saved.shuffle).toBe(true);
    expect(SavedQueueArgs.safeParse(saved).success).toBe(true);
    const back = fromSaved(saved);
    expect(back.entries.map((e) => e.id)).toEqual(state.entries.map((e) => e.id));
    expect(Q.currentEntry(back)?.id).toBe(4);
    const unshuffledBefore = Q.setShuffle(state, false, Math.random).entries.map((e) => e.id);
    const unshuffledAfter = Q.setShuffle(back, false, Math.random).entries.map((e) => e.id);
    expect(unshuffledAfter).toEqual(unshuffledBefore);
    expect(unshuffledAfter).toEqual([1, 2, 3, 4, 100, 100, ...range(40).slice(4)]);
  });

  it('a saved shuffle without its old order restores the play order as the order', () => {
    const back = fromSaved({
      ids: [3, 1, 2],
      index: 1,
      position: 0,
      shuffle: true,
      repeat: 'off',
      history: [],
    });
    expect(Q.setShuffle(back, false, Math.random).entries.map((e) => e.id)).toEqual([3, 1, 2]);
    expect(Q.currentEntry(back)?.id).toBe(1);
  });

  it('an empty queue saves index -1 and a saved index is kept inside the queue', () => {
    expect(toSaved(Q.emptyQueue, -4)).toMatchObject({ ids: [], index: -1, position: 0 });
    const back = fromSaved({
      ids: [1, 2],
      index: 7,
      position: 0,
      shuffle: false,
      repeat: 'all',
      history: [],
    });
    expect(back.index).toBe(1);
    expect(
      fromSaved({ ids: [], index: -1, position: 0, shuffle: false, repeat: 'off', history: [] })
        .index,
    ).toBe(-1);
  });
});
