import { z } from 'zod';
import type { ApiErrorShape } from '../define.ts';

export interface LibrarySummary {
  trackCount: number;
  albumCount: number;
  playlistCount: number;
  /** Seconds. */
  totalDuration: number;
  storageBytes?: number;
  lastUploadAt?: string;
}

export interface AlbumInfo {
  id: string;
  title: string;
  artist: string;
  year?: number;
  trackCount?: number;
  /** Seconds. */
  duration?: number;
  artworkUrl?: string;
}

export interface PlaylistInfo {
  id: string;
  name: string;
  description: string;
  trackCount: number;
  /** Seconds. */
  duration?: number;
  updatedAt?: string;
  /** In playlist order. */
  trackIds: number[];
}

export type SyncKind = 'full' | 'incremental';
export type SyncPhase = 'tracks' | 'albums' | 'playlists' | 'saving';

export interface SyncProgress {
  kind: SyncKind;
  phase: SyncPhase;
  /** Tracks received so far in this sync (including those before a resumed checkpoint). */
  done: number;
  /** From the library summary; absent until it arrives (and for incremental syncs). */
  total?: number;
  /** This sync continues from a checkpoint left by an interrupted one. */
  resumed: boolean;
  startedAt: string;
}

export type LibraryState =
  /** No account, so no library. */
  | 'none'
  /** Reading the saved library. */
  | 'loading'
  /** A library is loaded (it may hold zero tracks). */
  | 'ready';

export interface LibraryStatus {
  state: LibraryState;
  /** Increases whenever the data changes; the renderer refetches the snapshot then. */
  revision: number;
  demo: boolean;
  trackCount: number;
  /** Whether the library has ever completed a sync (else it is still being fetched). */
  synced: boolean;
  syncing?: SyncProgress;
  lastSyncAt?: string;
  /** An interrupted full sync can continue where it stopped. */
  resumable: boolean;
  /** The last sync failure, kept until a sync succeeds. */
  lastError?: ApiErrorShape;
  /** Why the library cannot sync right now, if it cannot. */
  blocked?: 'offline' | 'signed-out' | 'awaiting-approval';
}

/**
 * The whole library in a compact columnar form. Text columns are joined with `columnSeparator`
 * (removed from the values) so the browser host's JSON bridge sees a handful of long strings
 * instead of hundreds of thousands of short ones. Columns with few distinct values (artist,
 * album…) may instead travel `coded`: those values once each plus every row's index into them,
 * a quarter of the bytes for a 100,000-track library. Numeric columns travel as the bytes of
 * one Float64Array laid out column after column (see `numericColumns`).
 */
export interface TrackLibrarySnapshot {
  revision: number;
  tracks: {
    count: number;
    /** `title` always; the `codedColumns` too when there is no `coded`. */
    text: Record<PlainTextColumn, string> & Partial<Record<CodedColumn, string>>;
    coded?: {
      distinct: Record<CodedColumn, string>;
      /** Width of each code: unsigned, the machine's byte order, column after column in
       * `codedColumns` order. */
      codeBytes: 2 | 4;
      codes: Uint8Array;
    };
    numbers: Uint8Array;
  };
  albums: AlbumInfo[];
  playlists: PlaylistInfo[];
  summary?: LibrarySummary;
}

/** Text columns sent as they are: nearly every value is different. */
export const plainTextColumns = ['title'] as const;
export type PlainTextColumn = (typeof plainTextColumns)[number];
/** Text columns sent as distinct values and codes. */
export const codedColumns = ['artist', 'album', 'albumId', 'genre', 'format'] as const;
export type CodedColumn = (typeof codedColumns)[number];

export const textColumns = [...plainTextColumns, ...codedColumns] as const;
export type TextColumn = (typeof textColumns)[number];

/** Order of the numeric columns in `numbers`; 0 means "unknown" for all but `id`. */
export const numericColumns = [
  'id',
  'duration',
  'year',
  'trackNumber',
  'discNumber',
  'size',
  'uploadedAt',
] as const;
export type NumericColumn = (typeof numericColumns)[number];

/**
 * U+0085 (a C1 control no metadata uses, stripped from every value): unlike U+001F it needs no
 * escaping in JSON, and unlike anything above U+00FF it keeps the joined strings one byte per
 * character in V8 when the text is Latin-1.
 */
export const columnSeparator = '\u0085';

export const LibrarySyncArgs = z
  .strictObject({
    /** `full` fetches everything again; default: incremental when possible. */
    mode: z.enum(['auto', 'full']).optional(),
  })
  .optional();
