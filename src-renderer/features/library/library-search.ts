import type { LibraryData } from './library-data.ts';

// eslint-disable-next-line no-control-regex
const nonAscii = /[^\u0000-\u007f]/;
const marks = /\p{M}+/gu;

/** Lower case without accents, so "beyonce" finds "Beyoncé". ASCII skips the costly part. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return nonAscii.test(lower) ? lower.normalize('NFD').replace(marks, '') : lower;
}

const keysCache = new WeakMap<LibraryData, string[]>();

/**
 * One folded search key per track, "title␀artist␀album", built once per library revision so a
 * keystroke only runs `includes` over 100,000 short strings.
 */
export function searchKeys(data: LibraryData): string[] {
  let keys = keysCache.get(data);
  if (keys) return keys;
  const { title, artist, album } = data.text;
  keys = new Array<string>(data.count);
  for (let row = 0; row < data.count; row++) {
    keys[row] = fold(`${title[row]}\u0000${artist[row]}\u0000${album[row]}`);
  }
  keysCache.set(data, keys);
  return keys;
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
