import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  AlbumInfo,
  LibrarySummary,
  PlaylistInfo,
} from '../../../src-preload/contract/schemas/library.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';
import { readJsonDataFile } from '../files/read-data-file.ts';
import type { Logger } from '../log/logger.ts';
import { jsonWithTracks, writeAtomically } from './atomic-write.ts';
import { storedTracksProblem, type StoredTracks } from './track-columns.ts';

/** Bump when the file's shape changes; an older file is discarded and the library re-synced. */
export const cacheVersion = 1;
const format = 'aislecast-library';

export interface SyncState {
  lastSyncAt?: string;
  lastFullSyncAt?: string;
  /** The newest `uploaded_at` seen, verbatim: the next incremental sync's `uploaded_after`. */
  newestUploadedAt?: string;
  newestUploadedMs?: number;
  /** When albums, playlists and the summary were last fetched. */
  metadataAt?: string;
  /** An incremental sync found the counts disagreeing: the next sync is a full one. */
  fullSyncDue?: boolean;
}

export interface CachedTrackLibrary {
  format: typeof format;
  version: typeof cacheVersion;
  accountKey: string;
  savedAt: string;
  sync: SyncState;
  summary?: LibrarySummary;
  albums: AlbumInfo[];
  playlists: PlaylistInfo[];
  tracks: StoredTracks;
}

/** Where an interrupted full sync stopped: the cursor to continue from and what it had. */
export interface SyncCheckpoint {
  format: typeof format;
  version: typeof cacheVersion;
  accountKey: string;
  savedAt: string;
  cursor: string;
  startedAt: string;
  newestUploadedAt?: string;
  newestUploadedMs?: number;
  tracks: StoredTracks;
}

export interface TrackLibraryCache {
  load(accountKey: string): Promise<CachedTrackLibrary | undefined>;
  save(library: CachedTrackLibrary): Promise<void>;
  loadCheckpoint(accountKey: string): Promise<SyncCheckpoint | undefined>;
  saveCheckpoint(checkpoint: SyncCheckpoint): Promise<void>;
  removeCheckpoint(accountKey: string): Promise<void>;
}

const safeName = (accountKey: string) => accountKey.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The library on disk, one file per account (`<dataDir>/library/<account>.json`), written
 * atomically (temporary file, fsync, rename) and column by column, so a crash leaves the old or
 * the new file, never half of one. A file of another version is set aside quietly (the library
 * is synced again); a damaged one goes to `DamagedFiles` (moved aside, logged, the user told).
 */
export function createTrackLibraryCache(
  dataDir: string,
  log: Logger,
  damagedFiles: DamagedFiles,
): TrackLibraryCache {
  const dir = join(dataDir, 'library');
  const file = (accountKey: string) => join(dir, `${safeName(accountKey)}.json`);
  const partial = (accountKey: string) => join(dir, `${safeName(accountKey)}.partial.json`);
  const lost = {
    cache:
      'The saved copy of your music library was reset; Aislecast downloads it again from Queye Music.',
    checkpoint:
      'An interrupted library download could not be continued; Aislecast starts it again.',
  } as const;

  /** The file's data, or undefined after handing a damaged one to `DamagedFiles`. */
  async function read(
    path: string,
    accountKey: string,
    what: keyof typeof lost,
    extra: (data: Record<string, unknown>) => string | undefined,
  ): Promise<unknown> {
    const found = await readJsonDataFile(path);
    if (found.state === 'missing') return undefined;
    const damaged = async (reason: string) => {
      await damagedFiles.report(path, { what: lost[what], reason: `library ${what} ${reason}` });
      return undefined;
    };
    if (found.state === 'damaged') return damaged(found.reason);
    const data = found.value as Partial<CachedTrackLibrary> | null;
    if (!data || typeof data !== 'object' || Array.isArray(data))
      return damaged('is not an object');
    if (data.format === format && data.version !== cacheVersion) {
      log.warn({ what, version: data.version }, 'discarded a library file of another version');
      await rm(path, { force: true });
      return undefined;
    }
    if (data.format !== format) return damaged('is not a library file');
    if (data.accountKey !== accountKey) return damaged('belongs to another account');
    const problem = storedTracksProblem(data.tracks) ?? extra(data);
    if (problem) return damaged(`is unusable: ${problem}`);
    return data;
  }

  async function write(path: string, value: CachedTrackLibrary | SyncCheckpoint) {
    await mkdir(dir, { recursive: true });
    await writeAtomically(path, jsonWithTracks(value));
  }

  return {
    async load(accountKey) {
      const data = (await read(file(accountKey), accountKey, 'cache', (raw) =>
        Array.isArray(raw.albums) && Array.isArray(raw.playlists)
          ? undefined
          : 'albums or playlists are malformed',
      )) as CachedTrackLibrary | undefined;
      if (!data) return undefined;
      const sync = data.sync && typeof data.sync === 'object' ? data.sync : {};
      return { ...data, sync };
    },
    save: (library) => write(file(library.accountKey), library),
    async loadCheckpoint(accountKey) {
      const data = (await read(partial(accountKey), accountKey, 'checkpoint', (raw) =>
        typeof raw.cursor === 'string' ? undefined : 'has no cursor',
      )) as SyncCheckpoint | undefined;
      return data;
    },
    saveCheckpoint: (checkpoint) => write(partial(checkpoint.accountKey), checkpoint),
    removeCheckpoint: (accountKey) => rm(partial(accountKey), { force: true }),
  };
}

export const cacheFormat = { format, version: cacheVersion } as const;
