import type { LibraryData } from './library-data.ts';

// eslint-disable-next-line no-control-regex
const nonAscii = /[^\u0000-\u007f]/;
const marks = /\p{M}+/gu;

/** Lower case without accents, so "beyonce" finds "Beyoncé". ASCII skips the costly part. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return nonAscii.test(lower) ? lower.normalize('NFD').replace(marks, '') : lower;
}

/**
 * Every track's folded "title␀artist␀album" in one string, row after row, each ended by a line
 * break, and where each row starts. A search is then `indexOf` hopping from hit to hit through
 * one flat string, many times faster than `includes` on 100,000 separate ones. A filter term
 * never holds whitespace or U+0000, so it cannot match across a row or a field.
 */
export interface SearchIndex {
  text: string;
  /** Start of each row's key in `text`, plus the end of the text at `[count]`. */
  starts: Int32Array;
}

interface IndexState {
  /** Text of the rows built so far, in slices. */
  parts: string[];
  starts: Int32Array;
  /** Rows indexed so far (the index is built in slices while the window is idle). */
  built: number;
  length: number;
  index?: SearchIndex;
}
const indexStates = new WeakMap<LibraryData, IndexState>();

function indexState(data: LibraryData): IndexState {
  let state = indexStates.get(data);
  if (!state) {
    state = { parts: [], starts: new Int32Array(data.count + 1), built: 0, length: 0 };
    indexStates.set(data, state);
  }
  return state;
}

function buildIndex(data: LibraryData, state: IndexState, until: number): void {
  const { title, artist, album } = data.text;
  const keys: string[] = [];
  for (let row = state.built; row < until; row++) {
    const key = fold(`${title[row]}\u0000${artist[row]}\u0000${album[row]}`);
    state.starts[row] = state.length;
    state.length += key.length + 1;
    keys.push(key);
  }
  if (keys.length) state.parts.push(`${keys.join('\n')}\n`);
  state.built = Math.max(state.built, until);
  if (state.built >= data.count && !state.index) {
    state.starts[data.count] = state.length;
    state.index = { text: state.parts.join(''), starts: state.starts };
    state.parts = [];
  }
}

/** The search index of a library revision, built once (finished now if the idle work has not). */
export function searchIndex(data: LibraryData): SearchIndex {
  const state = indexState(data);
  if (!state.index) buildIndex(data, state, data.count);
  return state.index!;
}

/**
 * Builds the search index in small slices while the window is idle, so the first keystroke
 * finds it ready and no slice blocks scrolling. Returns a function that stops the work.
 */
export function warmSearchIndex(data: LibraryData, slice = 5000): () => void {
  const state = indexState(data);
  let stopped = false;
  const idle =
    typeof requestIdleCallback === 'function'
      ? (work: () => void) => requestIdleCallback(work, { timeout: 2000 })
      : (work: () => void) => setTimeout(work, 16);
  const step = () => {
    if (stopped || state.index) return;
    buildIndex(data, state, Math.min(data.count, state.built + slice));
    idle(step);
  };
  idle(step);
  return () => {
    stopped = true;
  };
}

/** The words of a filter; a track must contain every one (in title, artist or album). */
export function terms(query: string): string[] {
  const words = fold(query.split('\u0000').join('')).split(/\s+/).filter(Boolean);
  return [...new Set(words)].slice(0, 255);
}

/** Marks (by row) the tracks whose key contains every word. */
function matches(index: SearchIndex, count: number, words: readonly string[]): Uint8Array {
  const { text, starts } = index;
  // found[row] = how many of the words so far the row contains.
  const found = new Uint8Array(count);
  words.forEach((word, w) => {
    let row = 0;
    let at = text.indexOf(word);
    while (at !== -1) {
      while (starts[row + 1]! <= at) row++;
      if (found[row] === w) found[row] = w + 1;
      // One hit per row is enough: go on from the next row.
      at = text.indexOf(word, starts[row + 1]);
    }
  });
  return found;
}

/** The rows of `order` whose key contains every term, in `order`'s order. */
export function filterRows(
  order: ArrayLike<number>,
  index: SearchIndex,
  words: readonly string[],
): number[] {
  const count = index.starts.length - 1;
  const out: number[] = [];
  if (order.length * 8 < count) {
    // A few rows (the user typed on): test just their keys instead of searching everything.
    const { text, starts } = index;
    outer: for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      const key = text.slice(starts[row], starts[row + 1]! - 1);
      for (const word of words) if (!key.includes(word)) continue outer;
      out.push(row);
    }
    return out;
  }
  const found = matches(index, count, words);
  const all = words.length;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (found[row] === all) out.push(row);
  }
  return out;
}

/**
 * Whether the matches of `next` are certainly among those of `previous` (the user typed more),
 * so filtering can start from the previous result instead of the whole library.
 */
export function searchNarrows(previous: string, next: string): boolean {
  return previous.trim() !== '' && next.startsWith(previous);
}
