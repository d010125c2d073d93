import { describe, expect, it } from 'vitest';
import * as Q from '../../../src-renderer/features/player/queue.ts';
import { seededRandom } from './support/engine-harness.ts';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ids = (state: Q.QueueState) => state.entries.map((entry) => entry.id);
const currentId = (state: Q.QueueState) => Q.currentEntry(state)?.id;

/** A queue of `list`, playing the entry at `index`. */
function queueOf(list: number[], index = 0, extra: Partial<Q.QueueState> = {}): Q.QueueState {
  return Q.playNow({ ...Q.emptyQueue, ...extra }, list, index, seededRandom(1));
}

/** Plays `count` tracks to their end, returning the IDs heard (the current one first). */
function listen(state: Q.QueueState, count: number, random: Q.Random) {
  const heard = [currentId(state)!];
  let queue = state;
  while (heard.length < count) {
    const step = Q.next(queue, random, true);
    if (!step.entry) break;
    queue = step.state;
    heard.push(step.entry.id);
  }
  return { heard, queue };
}

describe('filling the queue', () => {
  it('play now replaces the queue and starts at the chosen track', () => {
    const state = queueOf([1, 2, 3], 0);
    const replaced = Q.playNow(state, [7, 8, 9], 1, Math.random);
    expect(ids(replaced)).toEqual([7, 8, 9]);
    expect(currentId(replaced)).toBe(8);
    expect(Q.playNow(state, [7], 99, Math.random).index).toBe(0);
    const emptied = Q.playNow(state, [], 0, Math.random);
    expect(emptied.entries).toEqual([]);
    expect(emptied.index).toBe(-1);
  });

  it('play now while shuffled starts with the chosen track and shuffles the rest', () => {
    const state = Q.playNow({ ...Q.emptyQueue, shuffle: true }, range(1, 20), 4, seededRandom(3));
    expect(state.index).toBe(0);
    expect(currentId(state)).toBe(5);
    expect([...ids(state)].sort((a, b) => a - b)).toEqual(range(1, 20));
    expect(ids(state)).not.toEqual([5, ...range(1, 20).filter((id) => id !== 5)]);
    expect(ids(Q.setShuffle(state, false, Math.random))).toEqual(range(1, 20));
  });

  it('play next goes right after the current track, in both orders while shuffled', () => {
    const plain = Q.playNext(queueOf([1, 2, 3], 1), [8, 9]);
    expect(ids(plain)).toEqual([1, 2, 8, 9, 3]);
    expect(currentId(plain)).toBe(2);

    let shuffled = Q.setShuffle(queueOf(range(1, 6), 2), true, seededRandom(5));
    shuffled = Q.playNext(shuffled, [8, 9]);
    expect(ids(shuffled).slice(2, 5)).toEqual([3, 8, 9]);
    expect(ids(Q.setShuffle(shuffled, false, Math.random))).toEqual([1, 2, 3, 8, 9, 4, 5, 6]);
  });

  it('add to end appends, and an empty queue gets a current track', () => {
    const state = Q.addToEnd(queueOf([1, 2]), [3, 4]);
    expect(ids(state)).toEqual([1, 2, 3, 4]);
    expect(currentId(state)).toBe(1);
    const fresh = Q.addToEnd(Q.emptyQueue, [5, 6]);
    expect(fresh.index).toBe(0);
    expect(Q.playNext(Q.emptyQueue, [5]).index).toBe(0);
    expect(Q.addToEnd(state, [])).toBe(state);
    expect(Q.playNext(state, [])).toBe(state);
  });

  it('the same track can sit in the queue twice, each place on its own', () => {
    const state = queueOf([1, 2, 1]);
    expect(new Set(state.entries.map((entry) => entry.uid)).size).toBe(3);
    const without = Q.remove(state, new Set([state.entries[2]!.uid]));
    expect(ids(without)).toEqual([1, 2]);
  });
});

describe('the current track stays current', () => {
  it('when another entry moves past it, or it moves itself', () => {
    const state = queueOf([1, 2, 3, 4, 5], 2);
    const cases: Array<[number, number, number[]]> = [
      [0, 4, [2, 3, 4, 5, 1]],
      [4, 0, [5, 1, 2, 3, 4]],
      [2, 0, [3, 1, 2, 4, 5]],
      [3, 4, [1, 2, 3, 5, 4]],
      [0, 1, [2, 1, 3, 4, 5]],
    ];
    for (const [from, to, order] of cases) {
      const moved = Q.move(state, from, to);
      expect(ids(moved)).toEqual(order);
      expect(currentId(moved)).toBe(3);
    }
    expect(Q.move(state, 1, 9)).toBe(state);
    expect(Q.move(state, -1, 2)).toBe(state);
  });

  it('when others are removed; when it goes, the next in line takes its place', () => {
    const state = queueOf([1, 2, 3, 4, 5], 2);
    const uid = (i: number) => state.entries[i]!.uid;
    const before = Q.remove(state, new Set([uid(0), uid(4)]));
    expect(ids(before)).toEqual([2, 3, 4]);
    expect(currentId(before)).toBe(3);
    const itself = Q.remove(state, new Set([uid(2)]));
    expect(currentId(itself)).toBe(4);
    const tail = Q.remove(state, new Set([uid(2), uid(3), uid(4)]));
    expect(currentId(tail)).toBe(2);
    const all = Q.remove(state, new Set(state.entries.map((entry) => entry.uid)));
    expect(all.index).toBe(-1);
    expect(Q.remove(state, new Set())).toBe(state);
  });

  it('across shuffle on and off, which restores the order from before', () => {
    const state = queueOf(range(1, 30), 9);
    const on = Q.setShuffle(state, true, seededRandom(11));
    expect(currentId(on)).toBe(10);
    // What was already played keeps its place; only the upcoming part is shuffled.
    expect(ids(on).slice(0, 10)).toEqual(range(1, 10));
    expect(ids(on).slice(10)).not.toEqual(range(11, 30));
    expect([...ids(on).slice(10)].sort((a, b) => a - b)).toEqual(range(11, 30));
    const jumped = Q.jumpTo(on, 20).state;
    const off = Q.setShuffle(jumped, false, Math.random);
    expect(ids(off)).toEqual(range(1, 30));
    expect(currentId(off)).toBe(currentId(jumped));
    expect(Q.setShuffle(off, false, Math.random)).toBe(off);
  });

  it('through a long random mix of operations', () => {
    const random = seededRandom(99);
    let state = Q.setShuffle(queueOf(range(1, 40), 5), true, random);
    let nextId = 100;
    for (let round = 0; round < 400; round++) {
      const before = Q.currentEntry(state)!;
      const count = state.entries.length;
      const pick = () => Math.floor(random() * count);
      const op = Math.floor(random() * 5);
      let removedCurrent = false;
      if (op === 0) state = Q.move(state, pick(), pick());
      else if (op === 1) state = Q.playNext(state, [nextId++]);
      else if (op === 2) state = Q.addToEnd(state, [nextId++, nextId++]);
      else if (op === 3 && count > 5) {
        const victim = state.entries[pick()]!;
        removedCurrent = victim.uid === before.uid;
        state = Q.remove(state, new Set([victim.uid]));
      } else state = Q.setShuffle(state, !state.shuffle, random);
      expect(state.index).toBeGreaterThanOrEqual(0);
      expect(state.index).toBeLessThan(state.entries.length);
      if (!removedCurrent) expect(Q.currentEntry(state)).toBe(before);
      if (state.shuffle) {
        // The order to go back to lists exactly the entries in the queue.
        expect([...state.unshuffled!].sort((a, b) => a - b)).toEqual(
          state.entries.map((entry) => entry.uid).sort((a, b) => a - b),
        );
      } else expect(state.unshuffled).toBeUndefined();
    }
  });

  it('clear keeps only the current track', () => {
    const state = Q.clearUpcoming(Q.setShuffle(queueOf([1, 2, 3, 4], 2), true, seededRandom(2)));
    expect(ids(state)).toEqual([3]);
    expect(state.index).toBe(0);
    expect(ids(Q.setShuffle(state, false, Math.random))).toEqual([3]);
    expect(Q.clearUpcoming(Q.emptyQueue).index).toBe(-1);
  });
});

describe('shuffle', () => {
  it('plays every track once before any repeats, across several wraps with repeat all', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed);
      const size = 12;
      const start = Q.setShuffle(queueOf(range(1, size), 0, { repeat: 'all' }), true, random);
      const { heard } = listen(start, size * 6, random);
      expect(heard).toHaveLength(size * 6);
      for (let cycle = 0; cycle < 6; cycle++) {
        const round = heard.slice(cycle * size, (cycle + 1) * size);
        expect(new Set(round).size).toBe(size);
      }
      // Never the same track twice in a row, not even where one round meets the next.
      for (let i = 1; i < heard.length; i++) expect(heard[i]).not.toBe(heard[i - 1]);
      // The rounds really are shuffled anew.
      const rounds = new Set(range(0, 5).map((c) => heard.slice(c * size, (c + 1) * size).join()));
      expect(rounds.size).toBeGreaterThan(1);
    }
  });

  it('Fisher–Yates makes every order of three equally likely', () => {
    const random = seededRandom(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = Q.shuffled([1, 2, 3], random).join();
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

describe('at the ends of the queue', () => {
  it('repeat off stops after the last track', () => {
    const last = queueOf([1, 2, 3], 2);
    expect(Q.next(last, Math.random, true)).toEqual({ state: last });
    expect(Q.next(last, Math.random, false).entry).toBeUndefined();
    expect(Q.next(Q.emptyQueue, Math.random, true).entry).toBeUndefined();
  });

  it('repeat all starts over without shuffle', () => {
    const last = queueOf([1, 2, 3], 2, { repeat: 'all' });
    const step = Q.next(last, Math.random, true);
    expect(step.entry?.id).toBe(1);
    expect(ids(step.state)).toEqual([1, 2, 3]);
    expect(Q.upcoming(last)?.id).toBe(1);
  });

  it('repeat all reshuffles with shuffle on, the track just heard not first', () => {
    for (const seed of range(1, 30)) {
      const random = seededRandom(seed);
      const state = Q.setShuffle(queueOf([1, 2, 3], 0, { repeat: 'all' }), true, random);
      const last = Q.jumpTo(state, 2).state;
      const step = Q.next(last, random, true);
      expect(step.state.index).toBe(0);
      expect(step.entry).not.toBe(Q.currentEntry(last));
      expect([...ids(step.state)].sort()).toEqual([1, 2, 3]);
    }
    // A reshuffle is random, so nothing can be preloaded for it.
    const shuffledLast = Q.jumpTo(
      Q.setShuffle(queueOf([1, 2], 0, { repeat: 'all' }), true, seededRandom(1)),
      1,
    ).state;
    expect(Q.upcoming(shuffledLast)).toBeUndefined();
  });

  it('repeat one replays at the end of the track, but Next moves on', () => {
    const state = queueOf([1, 2, 3], 1, { repeat: 'one' });
    const auto = Q.next(state, Math.random, true);
    expect(auto.entry).toBe(Q.currentEntry(state));
    expect(auto.state.index).toBe(1);
    expect(Q.next(state, Math.random, false).entry?.id).toBe(3);
    expect(Q.upcoming(state)).toBe(Q.currentEntry(state));
  });

  it('previous at the start stays on the first track unless repeat all wraps', () => {
    const first = queueOf([1, 2, 3], 0);
    expect(Q.previous(first).entry?.id).toBe(1);
    expect(Q.previous(first).state.index).toBe(0);
    expect(Q.previous({ ...first, repeat: 'one' }).state.index).toBe(0);
    expect(Q.previous({ ...first, repeat: 'all' }).entry?.id).toBe(3);
    expect(Q.previous(Q.jumpTo(first, 2).state).entry?.id).toBe(2);
    expect(Q.previous(Q.emptyQueue).entry).toBeUndefined();
  });

  it('jump to ignores positions outside the queue; upcoming names the next entry', () => {
    const state = queueOf([1, 2, 3]);
    expect(Q.jumpTo(state, 3)).toEqual({ state });
    expect(Q.jumpTo(state, -1)).toEqual({ state });
    expect(Q.upcoming(state)?.id).toBe(2);
    expect(Q.upcoming(Q.jumpTo(state, 2).state)).toBeUndefined();
  });

  it('repeat cycles off → all → one → off', () => {
    let state = Q.emptyQueue;
    const seen = [];
    for (let i = 0; i < 3; i++) {
      state = Q.setRepeat(state, Q.nextRepeat[state.repeat]);
      seen.push(state.repeat);
    }
    expect(seen).toEqual(['all', 'one', 'off']);
    expect(Q.setRepeat(state, 'off')).toBe(state);
  });
});

describe('history', () => {
  it('keeps the played IDs, oldest first, up to its limit', () => {
    let state = Q.emptyQueue;
    const played = Q.historyLimit + 120;
    for (let id = 1; id <= played; id++) state = Q.recordPlayed(state, id);
    expect(state.history).toHaveLength(Q.historyLimit);
    expect(state.history[0]).toBe(121);
    expect(state.history.at(-1)).toBe(played);
    expect(Q.emptyQueue.history).toEqual([]);
  });
});

/**
 * Counts the work an operation does: every element read of the queue's arrays (through a
 * proxy) and every look at an entry's fields or a removal set. A linear operation does about
 * twice the work on twice the queue; a quadratic one (an `indexOf` in a loop) four times.
 */
function meter(state: Q.QueueState) {
  const counter = { reads: 0 };
  const wrap = <T>(items: readonly T[]): readonly T[] =>
    new Proxy(items as T[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  const entries = state.entries.map(({ uid, id }) => ({
    get uid() {
      counter.reads++;
      return uid;
    },
    get id() {
      counter.reads++;
      return id;
    },
  }));
  const metered: Q.QueueState = {
    ...state,
    entries: wrap(entries),
    unshuffled: state.unshuffled && wrap(state.unshuffled),
    history: wrap(state.history),
  };
  const random = () => {
    counter.reads++;
    return Math.random();
  };
  const set = (uids: Set<number>): ReadonlySet<number> =>
    ({
      size: uids.size,
      has: (uid: number) => {
        counter.reads++;
        return uids.has(uid);
      },
    }) as unknown as ReadonlySet<number>;
  return { state: metered, counter, random, wrap, set };
}

type Operation = (m: ReturnType<typeof meter>, n: number) => Q.QueueState | Q.Step;

describe('a queue of 10,000 and 20,000 entries', () => {
  const build = (n: number, shuffle: boolean) => {
    const state = queueOf(range(1, n), Math.floor(n / 2), { repeat: 'all' });
    return shuffle ? Q.setShuffle(state, true, seededRandom(n)) : state;
  };
  const operations: Record<string, [shuffle: boolean, Operation]> = {
    'play now (shuffled)': [
      true,
      (m, n) => Q.playNow(m.state, m.wrap(range(1, n)), n / 3, m.random),
    ],
    'play next': [true, (m) => Q.playNext(m.state, range(1, 200))],
    'add to end': [true, (m) => Q.addToEnd(m.state, range(1, 200))],
    move: [false, (m, n) => Q.move(m.state, 0, n - 1)],
    'remove half': [
      true,
      (m) => {
        const uids = new Set(m.state.entries.map((entry, i) => (i % 2 ? entry.uid : -1)));
        // Building the set was the test's work, not the queue's.
        m.counter.reads = 0;
        return Q.remove(m.state, m.set(uids));
      },
    ],
    'shuffle on': [false, (m) => Q.setShuffle(m.state, true, m.random)],
    'shuffle off': [true, (m) => Q.setShuffle(m.state, false, m.random)],
    'wrap and reshuffle': [true, (m, n) => Q.next(Q.jumpTo(m.state, n - 1).state, m.random, true)],
    clear: [true, (m) => Q.clearUpcoming(m.state)],
  };

  for (const [name, [shuffle, operation]] of Object.entries(operations)) {
    it(`${name} stays linear`, () => {
      const work = [10_000, 20_000].map((n) => {
        const m = meter(build(n, shuffle));
        const result = operation(m, n);
        const state = 'state' in result && !('entries' in result) ? result.state : result;
        expect((state as Q.QueueState).entries.length).toBeGreaterThan(0);
        return m.counter.reads;
      });
      expect(work[0]).toBeGreaterThan(0);
      expect(work[0]).toBeLessThan(12 * 10_000);
      expect(work[1]! / work[0]!).toBeLessThan(2.5);
    });
  }

  it('gives the right answers at that size', () => {
    const n = 20_000;
    const state = build(n, false);
    const on = Q.setShuffle(state, true, seededRandom(5));
    expect(currentId(on)).toBe(n / 2 + 1);
    expect(new Set(ids(on)).size).toBe(n);
    const off = Q.setShuffle(Q.move(on, n - 1, 0), false, Math.random);
    expect(ids(off)).toEqual(range(1, n));
    expect(currentId(off)).toBe(n / 2 + 1);
    const odd = Q.remove(
      state,
      new Set(state.entries.filter((e) => e.id % 2 === 0).map((e) => e.uid)),
    );
    expect(odd.entries).toHaveLength(n / 2);
    expect(currentId(odd)).toBe(n / 2 + 1);
  });
});
