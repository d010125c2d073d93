import {
  columnSeparator,
  numericColumns,
  textColumns,
  type LibrarySnapshot,
  type NumericColumn,
  type TextColumn,
} from '../../../src-preload/contract/schemas/library.ts';
import type { TrackRow } from './parse.ts';

/** Text columns kept on disk: the ones the renderer gets, plus artwork for later use. */
export const storedTextColumns = [...textColumns, 'artworkUrl'] as const;
export type StoredTextColumn = (typeof storedTextColumns)[number];

/**
 * Tracks as stored in the cache file: text columns joined with U+001F, numbers as arrays.
 * A few long strings parse far faster than 100,000 objects, and this is nearly the shape the
 * renderer receives, so start-up does little more than read the file.
 */
export interface StoredTracks {
  count: number;
  text: Record<StoredTextColumn, string>;
  numbers: Record<NumericColumn, number[]>;
}

interface Exploded {
  text: Record<StoredTextColumn, string[]>;
  numbers: Record<NumericColumn, number[]>;
  index: Map<number, number>;
}

export interface TrackTable {
  readonly count: number;
  has(id: number): boolean;
  /** Adds the track, or replaces the one with the same ID. */
  upsert(row: TrackRow): void;
  /** Album ID, title, artist and year of every track (for albums missing from the list). */
  albumFacts(): Map<string, { title: string; artist: string; year: number }>;
  stored(): StoredTracks;
  snapshot(): LibrarySnapshot['tracks'];
}

function split(joined: string, count: number): string[] {
  if (count === 0) return [];
  const parts = joined.split(columnSeparator);
  if (parts.length !== count) throw new Error('text column does not match the track count');
  return parts;
}

/** Checks a stored table's shape (cheaply: lengths, not contents). */
export function isStoredTracks(value: unknown): value is StoredTracks {
  const tracks = value as StoredTracks | undefined;
  if (!tracks || !Number.isInteger(tracks.count) || tracks.count < 0) return false;
  return (
    storedTextColumns.every((column) => typeof tracks.text?.[column] === 'string') &&
    numericColumns.every(
      (column) =>
        Array.isArray(tracks.numbers?.[column]) && tracks.numbers[column].length === tracks.count,
    )
  );
}

export function createTrackTable(initial?: StoredTracks): TrackTable {
  // Kept joined until something changes: loading the cache never splits a string.
  let stored: StoredTracks | undefined = initial;
  let exploded: Exploded | undefined;
  let count = initial?.count ?? 0;

  const explode = (): Exploded => {
    if (exploded) return exploded;
    const text = {} as Record<StoredTextColumn, string[]>;
    const numbers = {} as Record<NumericColumn, number[]>;
    for (const column of storedTextColumns)
      text[column] = stored ? split(stored.text[column], count) : [];
    for (const column of numericColumns)
      numbers[column] = stored ? [...stored.numbers[column]] : [];
    const index = new Map<number, number>();
    numbers.id.forEach((id, position) => index.set(id, position));
    exploded = { text, numbers, index };
    stored = undefined;
    return exploded;
  };

  const write = (table: Exploded, at: number, row: TrackRow) => {
    for (const column of storedTextColumns) table.text[column][at] = row[column];
    for (const column of numericColumns) table.numbers[column][at] = row[column];
  };

  const join = (): StoredTracks => {
    if (stored) return stored;
    const table = explode();
    const text = {} as Record<StoredTextColumn, string>;
    for (const column of storedTextColumns) text[column] = table.text[column].join(columnSeparator);
    stored = { count, text, numbers: table.numbers };
    return stored;
  };

  let snapshot: LibrarySnapshot['tracks'] | undefined;

  return {
    get count() {
      return count;
    },
    has: (id) => explode().index.has(id),
    upsert(row) {
      const table = explode();
      snapshot = undefined;
      const at = table.index.get(row.id);
      if (at !== undefined) return write(table, at, row);
      table.index.set(row.id, count);
      write(table, count, row);
      count++;
    },
    albumFacts() {
      const table = explode();
      const facts = new Map<string, { title: string; artist: string; year: number }>();
      for (let i = 0; i < count; i++) {
        const albumId = table.text.albumId[i]!;
        if (albumId && !facts.has(albumId)) {
          facts.set(albumId, {
            title: table.text.album[i]!,
            artist: table.text.artist[i]!,
            year: table.numbers.year[i]!,
          });
        }
      }
      return facts;
    },
    stored() {
      const joined = join();
      // The exploded arrays would go stale once joined; a later upsert explodes again.
      exploded = undefined;
      return joined;
    },
    snapshot() {
      if (snapshot) return snapshot;
      const joined = join();
      exploded = undefined;
      const numbers = new Float64Array(count * numericColumns.length);
      numericColumns.forEach((column, c) => numbers.set(joined.numbers[column], c * count));
      const text = {} as Record<TextColumn, string>;
      for (const column of textColumns) text[column] = joined.text[column];
      // A plain Uint8Array (not a Buffer): Buffer.toJSON would defeat the bridge's byte tag.
      snapshot = { count, text, numbers: new Uint8Array(numbers.buffer) };
      return snapshot;
    },
  };
}
