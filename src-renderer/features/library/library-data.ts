import {
  codedColumns,
  columnSeparator,
  numericColumns,
  plainTextColumns,
  type AlbumInfo,
  type TrackLibrarySnapshot,
  type LibrarySummary,
  type NumericColumn,
  type PlaylistInfo,
  type TextColumn,
} from '../../../src-preload/contract/schemas/library.ts';

/**
 * The library as the renderer keeps it: one array per column, a track being a row number.
 * 100,000 tracks are a few dozen arrays instead of 100,000 objects, which keeps the heap small,
 * makes filtering a tight loop and lets the table render rows straight from the columns.
 */
export interface LibraryData {
  revision: number;
  count: number;
  text: Record<TextColumn, string[]>;
  numbers: Record<NumericColumn, Float64Array>;
  /** Track ID → row. */
  rowOf: Map<number, number>;
  albums: AlbumInfo[];
  albumById: Map<string, AlbumInfo>;
  playlists: PlaylistInfo[];
  playlistById: Map<string, PlaylistInfo>;
  summary: LibrarySummary;
}

/** What other features need to show or play a track. */
export interface TrackInfo {
  id: number;
  title: string;
  artist: string;
  album: string;
  albumId: string;
  /** Seconds; 0 when unknown. */
  duration: number;
  /** e.g. `mp3`; empty when unknown. */
  format: string;
  genre: string;
  year: number;
  trackNumber: number;
  discNumber: number;
}

function codesOf(bytes: Uint8Array, width: 2 | 4): Uint16Array | Uint32Array {
  const aligned = bytes.byteOffset % width === 0 ? bytes : new Uint8Array(bytes.slice().buffer);
  return width === 2
    ? new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 2)
    : new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

function float64(bytes: Uint8Array): Float64Array {
  // A view needs 8-byte alignment; structured clone and base64 decoding give fresh buffers,
  // but a copy keeps this correct whatever the transport did.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes.slice().buffer);
  return new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
}

function summaryOf(
  snapshot: TrackLibrarySnapshot,
  duration: Float64Array,
  count: number,
): LibrarySummary {
  if (snapshot.summary) return snapshot.summary;
  let total = 0;
  for (let i = 0; i < count; i++) total += duration[i]!;
  return {
    trackCount: count,
    albumCount: snapshot.albums.length,
    playlistCount: snapshot.playlists.length,
    totalDuration: total,
  };
}

export function decodeSnapshot(snapshot: TrackLibrarySnapshot): LibraryData {
  const { count } = snapshot.tracks;
  const all = float64(snapshot.tracks.numbers);
  if (all.length !== count * numericColumns.length) {
    throw new Error('The library snapshot is damaged (numeric columns do not match).');
  }
  const numbers = {} as Record<NumericColumn, Float64Array>;
  numericColumns.forEach((column, c) => {
    numbers[column] = all.subarray(c * count, (c + 1) * count);
  });
  const damaged = () => new Error('The library snapshot is damaged (text columns do not match).');
  const text = {} as Record<TextColumn, string[]>;
  for (const column of plainTextColumns) {
    text[column] = count ? snapshot.tracks.text[column].split(columnSeparator) : [];
    if (text[column].length !== count) throw damaged();
  }
  const { coded } = snapshot.tracks;
  if (!coded) {
    for (const column of codedColumns) {
      const joined = snapshot.tracks.text[column] ?? '';
      text[column] = count ? joined.split(columnSeparator) : [];
      if (text[column].length !== count) throw damaged();
    }
  } else {
    if (coded.codes.byteLength % coded.codeBytes !== 0) throw damaged();
    const codes = codesOf(coded.codes, coded.codeBytes);
    if (codes.length !== count * codedColumns.length) throw damaged();
    codedColumns.forEach((column, c) => {
      const values = coded.distinct[column].split(columnSeparator);
      // Every row's string is one of a few shared ones: 100,000 rows, a few thousand strings.
      const rows = new Array<string>(count);
      for (let row = 0; row < count; row++) {
        const value = values[codes[c * count + row]!];
        if (value === undefined) throw damaged();
        rows[row] = value;
      }
      text[column] = rows;
    });
  }
  const rowOf = new Map<number, number>();
  const ids = numbers.id;
  for (let row = 0; row < count; row++) rowOf.set(ids[row]!, row);
  return {
    revision: snapshot.revision,
    count,
    text,
    numbers,
    rowOf,
    albums: snapshot.albums,
    albumById: new Map(snapshot.albums.map((album) => [album.id, album])),
    playlists: snapshot.playlists,
    playlistById: new Map(snapshot.playlists.map((playlist) => [playlist.id, playlist])),
    summary: summaryOf(snapshot, numbers.duration, count),
  };
}

export function trackAt(data: LibraryData, row: number): TrackInfo {
  return {
    id: data.numbers.id[row]!,
    title: data.text.title[row]!,
    artist: data.text.artist[row]!,
    album: data.text.album[row]!,
    albumId: data.text.albumId[row]!,
    duration: data.numbers.duration[row]!,
    format: data.text.format[row]!,
    genre: data.text.genre[row]!,
    year: data.numbers.year[row]!,
    trackNumber: data.numbers.trackNumber[row]!,
    discNumber: data.numbers.discNumber[row]!,
  };
}

/** Track IDs of rows, in the order given. */
export function idsOf(data: LibraryData, rows: ArrayLike<number>): number[] {
  const ids = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) ids[i] = data.numbers.id[rows[i]!]!;
  return ids;
}

/** Rows of track IDs, skipping IDs the library does not hold. */
export function rowsOfIds(data: LibraryData, ids: readonly number[]): number[] {
  const rows: number[] = [];
  for (const id of ids) {
    const row = data.rowOf.get(id);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

const albumRowsCache = new WeakMap<LibraryData, Map<string, number[]>>();

/** The rows of each album in disc, then track order (built once per library revision). */
export function albumRows(data: LibraryData): Map<string, number[]> {
  let groups = albumRowsCache.get(data);
  if (groups) return groups;
  groups = new Map();
  const albumIds = data.text.albumId;
  for (let row = 0; row < data.count; row++) {
    const id = albumIds[row]!;
    if (!id) continue;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  const { discNumber, trackNumber } = data.numbers;
  for (const group of groups.values()) {
    group.sort(
      (a, b) =>
        discNumber[a]! - discNumber[b]! ||
        trackNumber[a]! - trackNumber[b]! ||
        (data.text.title[a]! < data.text.title[b]! ? -1 : 1),
    );
  }
  albumRowsCache.set(data, groups);
  return groups;
}
