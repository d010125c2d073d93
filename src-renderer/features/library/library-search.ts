import type { LibraryData } from './library-data.ts';

// eslint-disable-next-line no-control-regex
const nonAscii = /[^\u0000-\u007f]/;
const marks = /\p{M}+/gu;

/** Lower case without accents, so "beyonce" finds "Beyoncé". ASCII skips the costly part. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return nonAscii.test(lower) ? lower.normalize('NFD').replace(marks, '') : lower;
}

interface KeyState {
  keys: string[];
  /** Rows whose key exists so far (keys are built in slices while the window is idle). */
  built: number;
}
const keyStates = new WeakMap<LibraryData, KeyState>();

function keyState(data: LibraryData): KeyState {
  let state = keyStates.get(data);
  if (!state) {
    state = { keys: new Array<string>(data.count), built: 0 };
    keyStates.set(data, state);
  }
  return state;
}

function buildKeys(data: LibraryData, state: KeyState, until: number): void {
  const { title, artist, album } = data.text;
  for (let row = state.built; row < until; row++) {
    state.keys[row] = fold(`${title[row]}\u0000${artist[row]}\u0000${album[row]}`);
  }
  state.built = Math.max(state.built, until);
}

/**
 * One folded search key per track, "title␀artist␀album", built once per library revision so a
 * keystroke only runs `includes` over 100,000 short strings.
 */
export function searchKeys(data: LibraryData): string[] {
  const state = keyState(data);
  if (state.built < data.count) buildKeys(data, state, data.count);
  return state.keys;
}

/**
 * Builds the search keys in small slices while the window is idle, so the first keystroke finds
 * them ready and no slice blocks scrolling. Returns a function that stops the work.
 */
export function warmSearchKeys(data: LibraryData, slice = 5000): () => void {
  const state = keyState(data);
  let stopped = false;
  const idle =
    typeof requestIdleCallback === 'function'
      ? (work: () => void) => requestIdleCallback(work, { timeout: 2000 })
      : (work: () => void) => setTimeout(work, 16);
  const step = () => {
    if (stopped || state.built >= data.count) return;
    buildKeys(data, state, Math.min(data.count, state.built + slice));
    idle(step);
  };
  idle(step);
  return () => {
    stopped = true;
  };
}

/** The words of a filter; a track must contain every one (in title, artist or album). */
export function terms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** The rows of `order` whose key contains every term, in `order`'s order. */
export function filterRows(
  order: ArrayLike<number>,
  keys: readonly string[],
  words: readonly string[],
): number[] {
  const out: number[] = [];
  const n = order.length;
  if (words.length === 1) {
    const word = words[0]!;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      if (keys[row]!.includes(word)) out.push(row);
    }
    return out;
  }
  outer: for (let i = 0; i < n; i++) {
    const row = order[i]!;
    const key = keys[row]!;
    for (const word of words) if (!key.includes(word)) continue outer;
    out.push(row);
  }
  return out;
}

/**
 * Whether the matches of `next` are certainly among those of `previous` (the user typed more),
 * so filtering can start from the previous result instead of the whole library.
 */
export function narrows(previous: string, next: string): boolean {
  return previous.trim() !== '' && next.startsWith(previous);
}
