import type { RepeatMode } from '../../../src-preload/contract/schemas/player.ts';

/**
 * The play queue as plain data and pure functions, so every rule (shuffle without repeats,
 * repeat modes, what happens to the current track on a removal) is testable without audio.
 * Operations copy the arrays once and stay linear, which keeps a 20,000-track queue well
 * inside one frame.
 */

/** One place in the queue. The same track may sit in several places, each with its own uid. */
export interface QueueEntry {
  uid: number;
  id: number;
}

export interface QueueState {
  /** Play order (already shuffled when shuffle is on). */
  entries: readonly QueueEntry[];
  /** Position of the current entry in `entries`; -1 exactly when the queue is empty. */
  index: number;
  shuffle: boolean;
  repeat: RepeatMode;
  /** While shuffled: the uids in the order they had before shuffling (restored when it ends). */
  unshuffled?: readonly number[];
  /** Played track IDs, oldest first, at most `historyLimit`. */
  history: readonly number[];
}

export const historyLimit = 500;

export const emptyQueue: QueueState = {
  entries: [],
  index: -1,
  shuffle: false,
  repeat: 'off',
  history: [],
};

let lastUid = 0;

export function makeEntries(ids: readonly number[]): QueueEntry[] {
  const entries = new Array<QueueEntry>(ids.length);
  for (let i = 0; i < ids.length; i++) entries[i] = { uid: ++lastUid, id: ids[i]! };
  return entries;
}

export type Random = () => number;

/** Fisher–Yates over a copy: every order equally likely. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = out[i]!;
    out[i] = out[j]!;
    out[j] = swap;
  }
  return out;
}

export const currentEntry = (state: QueueState): QueueEntry | undefined =>
  state.entries[state.index];

/** Replaces the queue with `ids` and makes `start` current (first in play order when shuffled). */
export function playNow(
  state: QueueState,
  ids: readonly number[],
  start: number,
  random: Random,
): QueueState {
  if (!ids.length) return { ...state, entries: [], index: -1, unshuffled: undefined };
  const entries = makeEntries(ids);
  const first = Math.min(Math.max(0, start), entries.length - 1);
  if (!state.shuffle) return { ...state, entries, index: first, unshuffled: undefined };
  const chosen = entries[first]!;
  const rest = shuffled(
    entries.filter((_, i) => i !== first),
    random,
  );
  return {
    ...state,
    entries: [chosen, ...rest],
    index: 0,
    unshuffled: entries.map((entry) => entry.uid),
  };
}

function insertAt<T>(items: readonly T[], at: number, added: readonly T[]): T[] {
  const out = items.slice(0, at);
  for (const item of added) out.push(item);
  for (let i = at; i < items.length; i++) out.push(items[i]!);
  return out;
}

/** Puts `ids` right after the current track (in both orders while shuffled). */
export function playNext(state: QueueState, ids: readonly number[]): QueueState {
  if (!ids.length) return state;
  const added = makeEntries(ids);
  const at = state.index + 1;
  const entries = insertAt(state.entries, at, added);
  let unshuffled = state.unshuffled;
  if (unshuffled) {
    const current = currentEntry(state);
    const position = current ? unshuffled.indexOf(current.uid) + 1 : 0;
    unshuffled = insertAt(
      unshuffled,
      position,
      added.map((entry) => entry.uid),
    );
  }
  return { ...state, entries, unshuffled, index: state.index < 0 ? 0 : state.index };
}

/** Appends `ids` to the end of the queue. */
export function addToEnd(state: QueueState, ids: readonly number[]): QueueState {
  if (!ids.length) return state;
  const added = makeEntries(ids);
  return {
    ...state,
    entries: state.entries.concat(added),
    unshuffled: state.unshuffled?.concat(added.map((entry) => entry.uid)),
    index: state.index < 0 ? 0 : state.index,
  };
}

/** Moves the entry at `from` to `to` (positions in play order); the current track stays current. */
export function move(state: QueueState, from: number, to: number): QueueState {
  const count = state.entries.length;
  if (from === to || from < 0 || to < 0 || from >= count || to >= count) return state;
  const entries = state.entries.slice();
  const [moved] = entries.splice(from, 1);
  entries.splice(to, 0, moved!);
  let index = state.index;
  if (from === state.index) index = to;
  else if (from < state.index && to >= state.index) index--;
  else if (from > state.index && to <= state.index) index++;
  return { ...state, entries, index };
}

/**
 * Removes entries by uid. When the current one goes, the entry that took its place becomes
 * current (or the new last one); the caller decides whether to start playing it.
 */
export function remove(state: QueueState, uids: ReadonlySet<number>): QueueState {
  if (!uids.size) return state;
  const entries: QueueEntry[] = [];
  let index = -1;
  let removedBefore = 0;
  for (let i = 0; i < state.entries.length; i++) {
    const entry = state.entries[i]!;
    if (uids.has(entry.uid)) {
      if (i < state.index) removedBefore++;
      continue;
    }
    entries.push(entry);
  }
  if (entries.length) index = Math.min(state.index - removedBefore, entries.length - 1);
  const unshuffled = state.unshuffled?.filter((uid) => !uids.has(uid));
  return { ...state, entries, index: Math.max(index, entries.length ? 0 : -1), unshuffled };
}

/** Empties the queue but keeps the current track (it is still on the player). */
export function clearUpcoming(state: QueueState): QueueState {
  const current = currentEntry(state);
  if (!current) return { ...state, entries: [], index: -1, unshuffled: undefined };
  return {
    ...state,
    entries: [current],
    index: 0,
    unshuffled: state.unshuffled ? [current.uid] : undefined,
  };
}

/**
 * Shuffle on: the tracks after the current one are put in random order (what was played stays
 * played), so nothing repeats before everything has played. Shuffle off: the order from before.
 */
export function setShuffle(state: QueueState, on: boolean, random: Random): QueueState {
  if (on === state.shuffle) return state;
  if (on) {
    const at = state.index + 1;
    const upcoming = shuffled(state.entries.slice(at), random);
    return {
      ...state,
      shuffle: true,
      entries: state.entries.slice(0, at).concat(upcoming),
      unshuffled: state.entries.map((entry) => entry.uid),
    };
  }
  const byUid = new Map(state.entries.map((entry) => [entry.uid, entry]));
  const restored: QueueEntry[] = [];
  for (const uid of state.unshuffled ?? []) {
    const entry = byUid.get(uid);
    if (entry) {
      restored.push(entry);
      byUid.delete(uid);
    }
  }
  // Anything the saved order misses (it should not happen) keeps its place at the end.
  for (const entry of byUid.values()) restored.push(entry);
  const current = currentEntry(state);
  const index = current ? restored.indexOf(current) : -1;
  return { ...state, shuffle: false, entries: restored, index, unshuffled: undefined };
}

export function setRepeat(state: QueueState, repeat: RepeatMode): QueueState {
  return repeat === state.repeat ? state : { ...state, repeat };
}

export const nextRepeat: Record<RepeatMode, RepeatMode> = { off: 'all', all: 'one', one: 'off' };

export interface Step {
  state: QueueState;
  /** The entry to play, or undefined when the queue has run out. */
  entry?: QueueEntry;
}

/**
 * What follows the current track. `auto` is the end of a track (repeat-one replays it); a
 * press of Next always moves on. At the end with repeat-all the queue starts over — reshuffled
 * when shuffle is on, with the track just heard not first.
 */
export function next(state: QueueState, random: Random, auto: boolean): Step {
  const count = state.entries.length;
  if (!count) return { state };
  if (auto && state.repeat === 'one') return { state, entry: currentEntry(state) };
  if (state.index + 1 < count) {
    const moved = { ...state, index: state.index + 1 };
    return { state: moved, entry: currentEntry(moved) };
  }
  if (state.repeat === 'off') return { state };
  if (!state.shuffle || count < 2) {
    const wrapped = { ...state, index: 0 };
    return { state: wrapped, entry: currentEntry(wrapped) };
  }
  const last = state.entries[state.index]!;
  const order = shuffled(state.entries, random);
  if (order[0] === last) {
    const swapWith = 1 + Math.floor(random() * (count - 1));
    order[0] = order[swapWith]!;
    order[swapWith] = last;
  }
  const reshuffled = { ...state, entries: order, index: 0 };
  return { state: reshuffled, entry: currentEntry(reshuffled) };
}

/** The track before the current one in play order (wrapping only with repeat-all). */
export function previous(state: QueueState): Step {
  const count = state.entries.length;
  if (!count) return { state };
  if (state.index > 0) {
    const moved = { ...state, index: state.index - 1 };
    return { state: moved, entry: currentEntry(moved) };
  }
  if (state.repeat === 'all') {
    const wrapped = { ...state, index: count - 1 };
    return { state: wrapped, entry: currentEntry(wrapped) };
  }
  return { state, entry: currentEntry(state) };
}

export function jumpTo(state: QueueState, index: number): Step {
  if (index < 0 || index >= state.entries.length) return { state };
  const moved = { ...state, index };
  return { state: moved, entry: currentEntry(moved) };
}

export function recordPlayed(state: QueueState, id: number): QueueState {
  const history =
    state.history.length >= historyLimit ? state.history.slice(1) : [...state.history];
  history.push(id);
  return { ...state, history };
}

/** What the track after the current one will be, for preloading (undefined if none or unsure). */
export function upcoming(state: QueueState): QueueEntry | undefined {
  if (state.repeat === 'one') return currentEntry(state);
  if (state.index + 1 < state.entries.length) return state.entries[state.index + 1];
  // A reshuffle at the wrap is random; a plain wrap is known.
  if (state.repeat === 'all' && !state.shuffle) return state.entries[0];
  return undefined;
}
