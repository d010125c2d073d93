import {
  codedColumns,
  columnSeparator,
  numericColumns,
  plainTextColumns,
  textColumns,
  type CodedColumn,
  type TrackLibrarySnapshot,
  type NumericColumn,
  type PlainTextColumn,
} from '../../../src-preload/contract/schemas/library.ts';
import type { TrackRow } from './parse.ts';

/** Text columns kept on disk: the ones the renderer gets, plus artwork for later use. */
export const storedTextColumns = [...textColumns, 'artworkUrl'] as const;
export type StoredTextColumn = (typeof storedTextColumns)[number];

/**
 * Tracks as stored in the cache file: text columns joined with `columnSeparator`, numbers as
 * arrays. A few long strings parse far faster than 100,000 objects, and this is nearly the shape
 * the renderer receives, so start-up does little more than read the file.
 */
export interface StoredTracks {
  count: number;
  text: Record<StoredTextColumn, string>;
  numbers: Record<NumericColumn, number[]>;
}

export interface TrackColumns {
  readonly count: number;
  has(id: number): boolean;
  /** Adds the track, or replaces the one with the same ID. */
  upsert(row: TrackRow): void;
  /** Title, artist and year of albums that tracks name but `known` lacks, by album ID. */
  albumFacts(
    known: ReadonlySet<string>,
  ): Map<string, { title: string; artist: string; year: number }>;
  stored(): StoredTracks;
  snapshot(): TrackLibrarySnapshot['tracks'];
}

/** The coded columns of a snapshot: each distinct value once, and every row's index. */
function encodeColumns(
  text: Record<StoredTextColumn, string>,
  count: number,
): NonNullable<TrackLibrarySnapshot['tracks']['coded']> {
  const distinct = {} as Record<CodedColumn, string>;
  const indexes = codedColumns.map((column) => {
    const seen = new Map<string, number>();
    const values = split(text[column], count);
    const codes = new Uint32Array(count);
    for (let row = 0; row < count; row++) {
      const value = values[row]!;
      let code = seen.get(value);
      if (code === undefined) {
        code = seen.size;
        seen.set(value, code);
      }
      codes[row] = code;
    }
    distinct[column] = [...seen.keys()].join(columnSeparator);
    return { codes, size: seen.size };
  });
  const codeBytes = indexes.every(({ size }) => size <= 0x10000) ? 2 : 4;
  const out =
    codeBytes === 2
      ? new Uint16Array(count * indexes.length)
      : new Uint32Array(count * indexes.length);
  indexes.forEach(({ codes }, c) => out.set(codes, c * count));
  // In the machine's byte order: main and the renderer always run on the same machine.
  return { distinct, codeBytes, codes: new Uint8Array(out.buffer) };
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

/** How many rows a joined text column holds (separators + 1), without splitting it. */
function rowsIn(joined: string): number {
  let rows = 1;
  for (
    let at = joined.indexOf(columnSeparator);
    at !== -1;
    at = joined.indexOf(columnSeparator, at + 1)
  )
    rows++;
  return rows;
}

/**
 * Why a stored table cannot be used, or undefined: its shape, and every text column holding
 * exactly one value per row (a short column would otherwise throw later, when first shown).
 */
export function storedTracksProblem(value: unknown): string | undefined {
  if (!isStoredTracks(value)) return 'the track table has the wrong shape';
  if (value.count === 0) return undefined;
  for (const column of storedTextColumns) {
    if (rowsIn(value.text[column]) !== value.count)
      return `the ${column} column does not hold one value per track`;
  }
  return undefined;
}

function split(joined: string, count: number): string[] {
  if (count === 0) return [];
  const parts = joined.split(columnSeparator);
  if (parts.length !== count) throw new Error('text column does not match the track count');
  return parts;
}

const byColumn = <T>(make: () => T) =>
  Object.fromEntries(storedTextColumns.map((column) => [column, make()])) as Record<
    StoredTextColumn,
    T
  >;

// A sync appends 100,000 rows. Looping over the column names makes every access keyed by a
// varying name (slow, megamorphic); spelled out, each is a plain property access. A column
// missing here leaves its array short, which `isStoredTracks` and the tests catch.
function appendNumbers(to: Record<NumericColumn, number[]>, row: TrackRow): void {
  to.id.push(row.id);
  to.duration.push(row.duration);
  to.year.push(row.year);
  to.trackNumber.push(row.trackNumber);
  to.discNumber.push(row.discNumber);
  to.size.push(row.size);
  to.uploadedAt.push(row.uploadedAt);
}

function appendText(to: Record<StoredTextColumn, string[]>, row: TrackRow): void {
  to.title.push(row.title);
  to.artist.push(row.artist);
  to.album.push(row.album);
  to.albumId.push(row.albumId);
  to.genre.push(row.genre);
  to.format.push(row.format);
  to.artworkUrl.push(row.artworkUrl);
}

/** Rows are folded into one string per column this many at a time. */
const foldEvery = 512;

/**
 * Text is held in one of two ways. Appending (a sync) folds each batch of rows into one joined
 * string per column, so the hundreds of thousands of short strings a sync parses die young and
 * memory holds a few large ones. Replacing an existing track needs per-row access; only then is
 * the text split into per-row arrays.
 */
type Text =
  | {
      kind: 'chunks';
      chunks: Record<StoredTextColumn, string[]>;
      pending: Record<StoredTextColumn, string[]>;
    }
  | { kind: 'rows'; values: Record<StoredTextColumn, string[]> };

export function createTrackColumns(initial?: StoredTracks): TrackColumns {
  let count = initial?.count ?? 0;
  let text: Text = {
    kind: 'chunks',
    chunks: byColumn(() => [] as string[]),
    pending: byColumn(() => [] as string[]),
  };
  if (initial && count > 0) {
    for (const column of storedTextColumns) text.chunks[column].push(initial.text[column]);
  }
  const numbers = Object.fromEntries(
    numericColumns.map((column) => [column, initial ? [...initial.numbers[column]] : []]),
  ) as Record<NumericColumn, number[]>;
  let index: Map<number, number> | undefined;
  // The largest ID held. Listings usually come in ascending ID order, and an ID above every one
  // held cannot replace a track: such rows skip the lookup, and no index is built for them.
  let maxId = 0;
  for (const id of numbers.id) if (id > maxId) maxId = id;
  let stored: StoredTracks | undefined = initial;
  let snapshot: TrackLibrarySnapshot['tracks'] | undefined;

  const indexOf = () => {
    if (!index) {
      index = new Map();
      numbers.id.forEach((id, row) => index!.set(id, row));
    }
    return index;
  };

  const fold = () => {
    if (text.kind !== 'chunks' || text.pending.title.length === 0) return;
    for (const column of storedTextColumns) {
      text.chunks[column].push(text.pending[column].join(columnSeparator));
      text.pending[column] = [];
    }
  };

  const joined = (column: StoredTextColumn): string => {
    if (text.kind === 'rows') return text.values[column].join(columnSeparator);
    fold();
    const chunks = text.chunks[column];
    if (chunks.length > 1) chunks.splice(0, chunks.length, chunks.join(columnSeparator));
    return chunks[0] ?? '';
  };

  const rows = (): Record<StoredTextColumn, string[]> => {
    if (text.kind === 'rows') return text.values;
    const values = byColumn(() => [] as string[]);
    for (const column of storedTextColumns) values[column] = split(joined(column), count);
    text = { kind: 'rows', values };
    return values;
  };

  const changed = () => {
    stored = undefined;
    snapshot = undefined;
  };

  const table: TrackColumns = {
    get count() {
      return count;
    },
    has: (id) => indexOf().has(id),
    upsert(row) {
      changed();
      const at = row.id > maxId ? undefined : indexOf().get(row.id);
      if (at !== undefined) {
        const values = rows();
        for (const column of storedTextColumns) values[column][at] = row[column];
        for (const column of numericColumns) numbers[column][at] = row[column];
        return;
      }
      index?.set(row.id, count);
      if (row.id > maxId) maxId = row.id;
      count++;
      appendNumbers(numbers, row);
      if (text.kind === 'rows') {
        appendText(text.values, row);
        return;
      }
      appendText(text.pending, row);
      if (text.pending.title.length >= foldEvery) fold();
    },
    albumFacts(known) {
      const facts = new Map<string, { title: string; artist: string; year: number }>();
      const albumIds = split(joined('albumId'), count);
      const wanted: number[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < count; i++) {
        const albumId = albumIds[i]!;
        if (albumId && !known.has(albumId) && !seen.has(albumId)) {
          seen.add(albumId);
          wanted.push(i);
        }
      }
      // Usually every album is listed: then the other columns are never split.
      if (!wanted.length) return facts;
      const albums = split(joined('album'), count);
      const artists = split(joined('artist'), count);
      for (const i of wanted) {
        facts.set(albumIds[i]!, { title: albums[i]!, artist: artists[i]!, year: numbers.year[i]! });
      }
      return facts;
    },
    stored() {
      if (stored) return stored;
      const joinedText = byColumn(() => '');
      for (const column of storedTextColumns) joinedText[column] = joined(column);
      // Back to one joined string per column: the compact form, until something is replaced.
      // The ID index goes too (rebuilt in a few milliseconds when a later sync needs it).
      index = undefined;
      text = {
        kind: 'chunks',
        chunks: byColumn(() => [] as string[]),
        pending: byColumn(() => [] as string[]),
      };
      if (count > 0)
        for (const column of storedTextColumns) text.chunks[column].push(joinedText[column]);
      stored = { count, text: joinedText, numbers };
      return stored;
    },
    snapshot() {
      if (snapshot) return snapshot;
      const all = table.stored();
      const packed = new Float64Array(count * numericColumns.length);
      numericColumns.forEach((column, c) => packed.set(all.numbers[column], c * count));
      const text = {} as Record<PlainTextColumn, string>;
      for (const column of plainTextColumns) text[column] = all.text[column];
      // Plain Uint8Arrays (not Buffers): Buffer.toJSON would defeat the bridge's byte tag.
      snapshot = {
        count,
        text,
        coded: encodeColumns(all.text, count),
        numbers: new Uint8Array(packed.buffer),
      };
      return snapshot;
    },
  };
  return table;
}
