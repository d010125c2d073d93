import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type {
  TrackLibrarySnapshot,
  LibraryStatus,
  SyncProgress,
} from '../../../src-preload/contract/schemas/library.ts';
import { isAbortError, isAppError, localReference } from '../core/errors.ts';
import type { FeatureContext } from '../core/feature.ts';
import type { Clock } from '../core/clock.ts';
import type { QueyeAccountRef, QueyeConnection } from '../queye/queye-feature.ts';
import { createTrackLibraryCache } from './track-library-cache.ts';
import { createTrackLibraryCacheWriter, newestUploaded } from './track-library-cache-writer.ts';
import { createProgressThrottle } from './progress-throttle.ts';
import {
  fullSync,
  incrementalSync,
  SyncInterrupted,
  type FullSyncPosition,
  type TrackLibraryContents,
  type SyncDeps,
} from './sync-engine.ts';
import { createTrackColumns } from './track-columns.ts';

export interface TrackLibraryServiceOptions {
  clock: Clock;
  /**
   * Also save a checkpoint every so many pages of a full sync (default 0: only when a sync stops
   * on a failure, a cancel or the app closing; writing 25,000 tracks costs more than re-fetching
   * them after a crash).
   */
  checkpointEvery?: number;
  /** Minimum spacing of progress events. */
  progressEveryMs?: number;
}

interface Active {
  account: QueyeAccountRef;
  data?: TrackLibraryContents;
  loading?: Promise<void>;
  /** An interrupted full sync's position, to continue from. */
  position?: FullSyncPosition;
}

/**
 * The library of the signed-in Queye account: loaded from its cache file as soon as the account
 * is known (before, and without, the network), kept fresh by syncs, and served to the renderer
 * as a columnar snapshot. One sync runs at a time; a failed or cancelled full sync leaves a
 * checkpoint (in memory and on disk) that the next sync continues from.
 */
export function createTrackLibraryService(
  context: FeatureContext,
  connection: QueyeConnection,
  options: TrackLibraryServiceOptions,
) {
  const log = context.log.child({ service: 'library' });
  const cache = createTrackLibraryCache(context.dataDir, log, context.damagedFiles);
  const { clock } = options;
  let active: Active | undefined;
  let revision = 0;
  let running: { controller: AbortController; done: Promise<void> } | undefined;
  let progress: SyncProgress | undefined;
  let lastError: ApiErrorShape | undefined;
  const throttle = createProgressThrottle({ everyMs: options.progressEveryMs ?? 100 });
  const writer = createTrackLibraryCacheWriter({ cache, clock, log });

  const blocked = (): LibraryStatus['blocked'] => {
    const state = connection.status().state;
    if (state === 'signed-out') return 'signed-out';
    if (state === 'awaiting-approval') return 'awaiting-approval';
    if (context.connection.status().queye.state === 'offline') return 'offline';
    return undefined;
  };

  const status = (): LibraryStatus => {
    const data = active?.data;
    const why = active ? blocked() : undefined;
    return {
      state: !active ? 'none' : data ? 'ready' : 'loading',
      revision,
      demo: active?.account.demo ?? false,
      trackCount: data?.tracks.count ?? 0,
      synced: data?.sync.lastSyncAt !== undefined,
      ...(progress ? { syncing: progress } : {}),
      ...(data?.sync.lastSyncAt ? { lastSyncAt: data.sync.lastSyncAt } : {}),
      resumable: active?.position !== undefined,
      ...(lastError ? { lastError } : {}),
      ...(why ? { blocked: why } : {}),
    };
  };

  let lastEmitted = '';
  const emit = () => {
    const next = status();
    const text = JSON.stringify(next);
    if (text === lastEmitted) return;
    lastEmitted = text;
    context.events.emit('library.changed', next);
  };

  const onProgress = (next: SyncProgress) => {
    const starting = progress === undefined;
    progress = next;
    if (throttle.admit(next.phase)) {
      context.events.emit('library.progress', next);
      if (starting) emit();
    }
  };

  const activate = (account: QueyeAccountRef) => {
    cancel();
    const entry: Active = { account };
    active = entry;
    revision++;
    entry.loading = (async () => {
      const started = performance.now();
      const [cached, checkpoint] = await Promise.all([
        cache.load(account.key),
        cache.loadCheckpoint(account.key),
      ]);
      if (active !== entry) return;
      entry.data = cached
        ? {
            tracks: createTrackColumns(cached.tracks),
            albums: cached.albums,
            playlists: cached.playlists,
            ...(cached.summary ? { summary: cached.summary } : {}),
            sync: cached.sync,
          }
        : {
            tracks: createTrackColumns(),
            albums: [],
            playlists: [],
            sync: {},
          };
      if (checkpoint) {
        entry.position = {
          cursor: checkpoint.cursor,
          tracks: createTrackColumns(checkpoint.tracks),
          startedAt: checkpoint.startedAt,
          ...newestUploaded(checkpoint),
        };
      }
      revision++;
      log.info(
        {
          tracks: entry.data.tracks.count,
          fromCache: cached !== undefined,
          resumable: checkpoint !== undefined,
          ms: Math.round(performance.now() - started),
        },
        'library loaded',
      );
      emit();
      // The window asks for the snapshot as soon as it loads: have it ready by then, built
      // while the window is still starting instead of after its request arrives.
      const loaded = entry.data;
      setImmediate(() => {
        try {
          if (active === entry && entry.data === loaded) loaded.tracks.snapshot();
        } catch (error) {
          // Built again (and the failure answered) when the window asks for it.
          log.warn({ err: error }, 'could not prepare the library snapshot');
        }
      });
    })();
    emit();
    return entry.loading;
  };

  const deactivate = () => {
    cancel();
    if (!active) return;
    active = undefined;
    revision++;
    lastError = undefined;
    emit();
  };

  const run = async (entry: Active, mode: 'auto' | 'full') => {
    await entry.loading;
    const data = entry.data;
    if (active !== entry || !data) return;
    const controller = running!.controller;
    const deps: SyncDeps = {
      request: (request) => connection.request(request),
      log,
      now: () => clock.now(),
      onProgress,
      checkpointEvery: options.checkpointEvery ?? 0,
      onCheckpoint: (position) => writer.saveCheckpoint(entry.account, position),
    };
    const full =
      mode === 'full' ||
      entry.position !== undefined ||
      data.sync.newestUploadedAt === undefined ||
      data.sync.fullSyncDue === true;
    const countBefore = data.tracks.count;
    const started = performance.now();
    try {
      if (full) {
        const resume = mode === 'full' ? undefined : entry.position;
        if (resume) log.info({ tracks: resume.tracks.count }, 'resuming the library sync');
        const result = await fullSync(deps, { signal: controller.signal, resume, previous: data });
        if (active !== entry) return;
        onProgress({ ...progress!, phase: 'saving' });
        entry.data = result.data;
        entry.position = undefined;
        revision++;
        lastError = result.metadataError ? shapeOf(result.metadataError) : undefined;
        void writer.persist(entry.account, result.data, () =>
          cache.removeCheckpoint(entry.account.key),
        );
      } else {
        const result = await incrementalSync(deps, data, { signal: controller.signal });
        if (result.changed) {
          revision++;
          void writer.persist(entry.account, data);
        }
        lastError = undefined;
      }
      log.info(
        {
          kind: full ? 'full' : 'incremental',
          tracks: entry.data?.tracks.count,
          ms: Math.round(performance.now() - started),
        },
        'library sync finished',
      );
    } catch (error) {
      const cause = error instanceof SyncInterrupted ? error.cause : error;
      if (error instanceof SyncInterrupted && error.position && active === entry) {
        entry.position = error.position;
        await writer.saveCheckpoint(entry.account, error.position);
      }
      if (!full && data.tracks.count !== countBefore) revision++;
      if (controller.signal.aborted || isAbortError(cause)) {
        log.info('library sync cancelled');
      } else {
        lastError = shapeOf(cause);
        log.warn({ code: lastError.code, requestId: lastError.requestId }, 'library sync failed');
      }
    }
  };

  const sync = (mode: 'auto' | 'full' = 'auto'): Promise<void> => {
    const entry = active;
    if (!entry || running) return running?.done ?? Promise.resolve();
    if (!connection.canRequest()) return Promise.resolve();
    const controller = new AbortController();
    const current = { controller, done: Promise.resolve() };
    running = current;
    current.done = run(entry, mode).finally(() => {
      if (running === current) running = undefined;
      progress = undefined;
      throttle.reset();
      emit();
    });
    return current.done;
  };

  function cancel() {
    running?.controller.abort(new DOMException('Sync cancelled', 'AbortError'));
  }

  return {
    status,
    emit,
    activate,
    deactivate,
    sync,
    cancel,
    active: () => active,
    running: () => running?.done,
    /** Resolves when every cache write asked for so far is on disk. */
    persisted: () => writer.persisted(),
    snapshot(): TrackLibrarySnapshot | null {
      const data = active?.data;
      if (!data) return null;
      return {
        revision,
        tracks: data.tracks.snapshot(),
        albums: data.albums,
        playlists: data.playlists,
        ...(data.summary ? { summary: data.summary } : {}),
      };
    },
  };
}

export type TrackLibraryService = ReturnType<typeof createTrackLibraryService>;

function shapeOf(error: unknown): ApiErrorShape {
  if (isAppError(error)) return error.shape;
  return {
    code: 'sync_failed',
    service: 'app',
    message: 'The library sync stopped unexpectedly.',
    action: 'Try “Sync now” again; the sync continues where it stopped.',
    requestId: localReference(),
  };
}
