/**
 * Writes the track library's two files for the library service: the library itself after a
 * sync, and the checkpoint of an interrupted full sync. Both carry the same stamp (format,
 * account, time) and fail the same way — logged, never thrown, because the library in memory
 * is fine and the next sync writes again. Library saves run one after another, behind the sync
 * that asked for them, so an older library never overwrites a newer one.
 */
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../core/clock.ts';
import type { QueyeAccountRef } from '../queye/queye-feature.ts';
import { cacheFormat, type TrackLibraryCache } from './track-library-cache.ts';
import type { FullSyncPosition, TrackLibraryContents } from './sync-engine.ts';

export interface TrackLibraryCacheWriter {
  /**
   * Saves `data` after every earlier save, then runs `afterwards`. Called once the new library
   * is already in use: the user does not wait for the disk, and a crash before the write ends
   * only means the next start syncs from the older cache.
   */
  persist(
    account: QueyeAccountRef,
    data: TrackLibraryContents,
    afterwards?: () => Promise<void>,
  ): Promise<void>;
  /** Saves where an interrupted full sync stopped, for the next sync to continue from. */
  saveCheckpoint(account: QueyeAccountRef, position: FullSyncPosition): Promise<void>;
  /** Resolves when every save asked for so far is on disk (or has failed and been logged). */
  persisted(): Promise<void>;
}

export interface TrackLibraryCacheWriterDeps {
  cache: Pick<TrackLibraryCache, 'save' | 'saveCheckpoint'>;
  clock: Clock;
  log: Logger;
}

/** The newest upload seen, when there is one: both fields together or neither. */
export function newestUploaded(from: Newest): Newest {
  return from.newestUploadedAt
    ? { newestUploadedAt: from.newestUploadedAt, newestUploadedMs: from.newestUploadedMs }
    : {};
}

type Newest = Pick<FullSyncPosition, 'newestUploadedAt' | 'newestUploadedMs'>;

export function createTrackLibraryCacheWriter({
  cache,
  clock,
  log,
}: TrackLibraryCacheWriterDeps): TrackLibraryCacheWriter {
  let persisting: Promise<void> = Promise.resolve();

  const stamp = (account: QueyeAccountRef) => ({
    ...cacheFormat,
    accountKey: account.key,
    savedAt: new Date(clock.now()).toISOString(),
  });

  /** Runs one write; a failure is logged at `level` and otherwise ignored. */
  const attempt = async (level: 'error' | 'warn', what: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      log[level]({ err: error }, `could not save the ${what}`);
    }
  };

  return {
    persist(account, data, afterwards) {
      persisting = persisting.then(async () => {
        await attempt('error', 'library cache', () =>
          cache.save({
            ...stamp(account),
            sync: data.sync,
            ...(data.summary ? { summary: data.summary } : {}),
            albums: data.albums,
            playlists: data.playlists,
            tracks: data.tracks.stored(),
          }),
        );
        await afterwards?.();
      });
      return persisting;
    },
    saveCheckpoint: (account, position) =>
      attempt('warn', 'sync checkpoint', () =>
        cache.saveCheckpoint({
          ...stamp(account),
          cursor: position.cursor,
          startedAt: position.startedAt,
          ...newestUploaded(position),
          tracks: position.tracks.stored(),
        }),
      ),
    persisted: () => persisting,
  };
}
