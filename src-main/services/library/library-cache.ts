import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  AlbumInfo,
  LibrarySummary,
  PlaylistInfo,
} from '../../../src-preload/contract/schemas/library.ts';
import type { Logger } from '../log/logger.ts';
import { jsonWithTracks, writeAtomically } from './atomic-write.ts';
import { isStoredTracks, type StoredTracks } from './track-table.ts';

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

export interface CachedLibrary {
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

export interface LibraryCache {
  load(accountKey: string): Promise<CachedLibrary | undefined>;
  save(library: CachedLibrary): Promise<void>;
  loadCheckpoint(accountKey: string): Promise<SyncCheckpoint | undefined>;
  saveCheckpoint(checkpoint: SyncCheckpoint): Promise<void>;
  removeCheckpoint(accountKey: string): Promise<void>;
}

const safeName = (accountKey: string) => accountKey.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The library on disk, one file per account (`<dataDir>/library/<account>.json`), written
 * atomically (temporary file, fsync, rename) and column by column, so a crash leaves the old or
 * the new file, never half of one. Anything unreadable, foreign or of another version is discarded with a log line.
 */
export function createLibraryCache(dataDir: string, log: Logger): LibraryCache {
  const dir = join(dataDir, 'library');
  const file = (accountKey: string) => join(dir, `${safeName(accountKey)}.json`);
  const partial = (accountKey: string) => join(dir, `${safeName(accountKey)}.partial.json`);

  async function read(path: string, accountKey: string, what: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    let data: Partial<CachedLibrary>;
    try {
      data = JSON.parse(text) as Partial<CachedLibrary>;
    } catch {
      log.warn({ what }, 'discarded a corrupt library file (not JSON)');
      return undefined;
    }
    if (data?.format !== format || data.version !== cacheVersion) {
      log.warn({ what, version: data?.version }, 'discarded a library file of another version');
      return undefined;
    }
    if (data.accountKey !== accountKey || !isStoredTracks(data.tracks)) {
      log.warn({ what }, 'discarded a library file that does not match its account or shape');
      return undefined;
    }
    return data;
  }

  async function write(path: string, value: CachedLibrary | SyncCheckpoint) {
    await mkdir(dir, { recursive: true });
    await writeAtomically(path, jsonWithTracks(value));
  }

  return {
    async load(accountKey) {
      const data = (await read(file(accountKey), accountKey, 'cache')) as CachedLibrary | undefined;
      if (!data) return undefined;
      if (!Array.isArray(data.albums) || !Array.isArray(data.playlists)) {
        log.warn('discarded a library cache with malformed albums or playlists');
        return undefined;
      }
      return { ...data, sync: data.sync ?? {} };
    },
    save: (library) => write(file(library.accountKey), library),
    async loadCheckpoint(accountKey) {
      const data = (await read(partial(accountKey), accountKey, 'checkpoint')) as
        SyncCheckpoint | undefined;
      return data && typeof data.cursor === 'string' ? data : undefined;
    },
    saveCheckpoint: (checkpoint) => write(partial(checkpoint.accountKey), checkpoint),
    removeCheckpoint: (accountKey) => rm(partial(accountKey), { force: true }),
  };
}

export const cacheFormat = { format, version: cacheVersion } as const;
