import type {
  AlbumInfo,
  LibrarySummary,
  PlaylistInfo,
  SyncKind,
  SyncPhase,
  SyncProgress,
} from '../../../src-preload/contract/schemas/library.ts';
import type { Logger } from '../log/logger.ts';
import type { SyncState } from './track-library-cache.ts';
import {
  addMissing,
  completeAlbums,
  fetchAlbums,
  fetchPlaylists,
  fetchSummary,
} from './metadata-sync.ts';
import { followCursor, PageFailed, type Requester } from './paging.ts';
import { trackRowOf, type TrackRow } from './parse.ts';
import { createTrackColumns, type TrackColumns } from './track-columns.ts';

/** The library held in main: the tracks table plus the small lists around it. */
export interface TrackLibraryContents {
  tracks: TrackColumns;
  albums: AlbumInfo[];
  playlists: PlaylistInfo[];
  summary?: LibrarySummary;
  sync: SyncState;
}

/** Where a full sync stands: enough to continue it after a failure without starting over. */
export interface FullSyncPosition {
  /** The cursor of the next page to fetch. */
  cursor: string;
  tracks: TrackColumns;
  newestUploadedAt?: string;
  newestUploadedMs?: number;
  startedAt: string;
}

/** A sync stopped part-way: `position` (when there is one) lets the next sync continue. */
export class SyncInterrupted extends Error {
  readonly position: FullSyncPosition | undefined;
  constructor(cause: unknown, position: FullSyncPosition | undefined) {
    super('library sync interrupted', { cause });
    this.name = 'SyncInterrupted';
    this.position = position;
  }
}

export interface SyncDeps {
  request: Requester;
  log: Logger;
  now(): number;
  onProgress(progress: SyncProgress): void;
  /** Called every `checkpointEvery` pages of a full sync, to survive a crash mid-way. */
  onCheckpoint?(position: FullSyncPosition): Promise<void> | void;
  checkpointEvery?: number;
}

/** Albums, playlists and the summary are refreshed at least this often, new tracks or not. */
export const metadataMaxAgeMs = 6 * 3600_000;

interface Newest {
  raw?: string;
  ms: number;
}

function track(newest: Newest, row: TrackRow): void {
  if (row.uploadedAtRaw && row.uploadedAt > newest.ms) {
    newest.ms = row.uploadedAt;
    newest.raw = row.uploadedAtRaw;
  }
}

function progressOf(
  kind: SyncKind,
  phase: SyncPhase,
  done: number,
  total: number | undefined,
  resumed: boolean,
  startedAt: string,
): SyncProgress {
  return { kind, phase, done, ...(total !== undefined ? { total } : {}), resumed, startedAt };
}

/** Tracks without a usable ID cannot be shown or played: left out, and said so once. */
function reportSkipped(log: Logger, skipped: number): void {
  if (skipped > 0) log.warn({ skipped }, 'left out library tracks that had no usable ID');
}

/** Settles side tasks after a failure so none of them rejects unhandled. */
async function settle(tasks: Array<Promise<unknown>>) {
  await Promise.allSettled(tasks);
}

/**
 * Fetches the whole library: tracks page by page at `limit=200` following `next_cursor`, while
 * the summary (for the progress total), albums and playlists load alongside. Resumes from
 * `resume` when given. The old library stays in use until this returns the new one.
 */
export async function fullSync(
  deps: SyncDeps,
  options: { signal: AbortSignal; resume?: FullSyncPosition; previous?: TrackLibraryContents },
): Promise<{ data: TrackLibraryContents; metadataError?: unknown }> {
  const { resume, signal } = options;
  const startedAt = resume?.startedAt ?? new Date(deps.now()).toISOString();
  const tracks = resume?.tracks ?? createTrackColumns();
  const newest: Newest = { raw: resume?.newestUploadedAt, ms: resume?.newestUploadedMs ?? 0 };
  const side = new AbortController();
  const sideSignal = AbortSignal.any([signal, side.signal]);
  let total: number | undefined;
  const report = (phase: SyncPhase) =>
    deps.onProgress(
      progressOf('full', phase, tracks.count, total, resume !== undefined, startedAt),
    );

  const summary = fetchSummary(deps.request, sideSignal).then((value) => {
    total = value?.trackCount;
    return value;
  });
  const albums = fetchAlbums(deps.request, sideSignal);
  const playlists = fetchPlaylists(deps.request, sideSignal, options.previous?.playlists);
  const sideTasks = [summary, albums, playlists];
  // Their outcome is read only after the tracks; until then a failure (signed out mid-sync, a
  // cancel) must not count as an unhandled rejection.
  for (const task of sideTasks) task.catch(() => undefined);

  let cursor = resume?.cursor;
  let pages = 0;
  let skipped = 0;
  report('tracks');
  try {
    await followCursor(
      deps.request,
      '/library/tracks',
      'tracks',
      { cursor, signal },
      async (page, pageCursor) => {
        cursor = pageCursor;
        for (const item of page.items) {
          const row = trackRowOf(item);
          if (!row) {
            skipped++;
            continue;
          }
          tracks.upsert(row);
          track(newest, row);
        }
        cursor = page.nextCursor;
        report('tracks');
        pages++;
        const every = deps.checkpointEvery ?? 0;
        if (every > 0 && pages % every === 0 && cursor && deps.onCheckpoint) {
          await deps.onCheckpoint(position());
        }
      },
    );
  } catch (error) {
    side.abort();
    await settle(sideTasks);
    // Every page before the one that failed is in the table: the next sync starts there.
    if (error instanceof PageFailed) cursor = error.cursor;
    const cause = error instanceof PageFailed ? error.cause : error;
    throw new SyncInterrupted(cause, cursor ? position() : undefined);
  }

  function position(): FullSyncPosition {
    return {
      cursor: cursor!,
      tracks,
      ...(newest.raw ? { newestUploadedAt: newest.raw, newestUploadedMs: newest.ms } : {}),
      startedAt,
    };
  }

  reportSkipped(deps.log, skipped);
  report('albums');
  const [summaryResult, albumsResult, playlistsResult] = await Promise.allSettled([
    summary,
    albums,
    playlists,
  ] as const);
  signal.throwIfAborted();
  const failed = [summaryResult, albumsResult, playlistsResult].find(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  );
  const metadataError: unknown = failed?.reason;
  const previous = options.previous;
  const now = new Date(deps.now()).toISOString();
  if (playlistsResult.status === 'fulfilled') addMissing(tracks, playlistsResult.value.rows);
  const data: TrackLibraryContents = {
    tracks,
    albums: completeAlbums(
      albumsResult.status === 'fulfilled' ? albumsResult.value : (previous?.albums ?? []),
      tracks,
    ),
    playlists:
      playlistsResult.status === 'fulfilled'
        ? playlistsResult.value.playlists
        : (previous?.playlists ?? []),
    summary: summaryResult.status === 'fulfilled' ? summaryResult.value : previous?.summary,
    sync: {
      lastSyncAt: now,
      lastFullSyncAt: now,
      ...(newest.raw ? { newestUploadedAt: newest.raw, newestUploadedMs: newest.ms } : {}),
      // Without all three lists the next incremental sync fetches them again.
      ...(failed ? {} : { metadataAt: now }),
    },
  };
  if (failed) deps.log.warn({ err: metadataError }, 'library lists incomplete after sync');
  return { data, ...(failed ? { metadataError } : {}) };
}

/**
 * Fetches tracks uploaded after the newest one seen. With nothing new and lists fresh enough,
 * that is the whole sync: one request. New tracks (or stale lists) bring the summary, albums
 * and playlists along. Updates `data` in place; returns whether anything changed.
 */
export async function incrementalSync(
  deps: SyncDeps,
  data: TrackLibraryContents,
  options: { signal: AbortSignal },
): Promise<{ changed: boolean; fullSyncDue: boolean }> {
  const { signal } = options;
  const startedAt = new Date(deps.now()).toISOString();
  const newest: Newest = { raw: data.sync.newestUploadedAt, ms: data.sync.newestUploadedMs ?? 0 };
  const rows: TrackRow[] = [];
  let skipped = 0;
  deps.onProgress(progressOf('incremental', 'tracks', 0, undefined, false, startedAt));
  try {
    await followCursor(
      deps.request,
      '/library/tracks',
      'tracks',
      { query: { uploaded_after: data.sync.newestUploadedAt }, signal },
      (page) => {
        for (const item of page.items) {
          const row = trackRowOf(item);
          if (row) rows.push(row);
          else skipped++;
        }
        deps.onProgress(
          progressOf('incremental', 'tracks', rows.length, undefined, false, startedAt),
        );
      },
    );
  } catch (error) {
    throw error instanceof PageFailed ? error.cause : error;
  }
  reportSkipped(deps.log, skipped);
  const metadataAge = deps.now() - Date.parse(data.sync.metadataAt ?? '');
  const stale = !(metadataAge < metadataMaxAgeMs);
  const now = new Date(deps.now()).toISOString();
  if (!rows.length && !stale) {
    data.sync = { ...data.sync, lastSyncAt: now };
    return { changed: false, fullSyncDue: false };
  }
  for (const row of rows) {
    data.tracks.upsert(row);
    track(newest, row);
  }
  deps.onProgress(progressOf('incremental', 'albums', rows.length, undefined, false, startedAt));
  const [summary, albums, playlists] = await Promise.all([
    fetchSummary(deps.request, signal),
    fetchAlbums(deps.request, signal),
    fetchPlaylists(deps.request, signal, data.playlists),
  ]);
  addMissing(data.tracks, playlists.rows);
  data.summary = summary ?? data.summary;
  data.albums = completeAlbums(albums, data.tracks);
  data.playlists = playlists.playlists;
  // Deletions show only as a smaller count: then the next sync starts from scratch.
  const fullSyncDue = summary !== undefined && summary.trackCount !== data.tracks.count;
  data.sync = {
    ...data.sync,
    lastSyncAt: now,
    metadataAt: now,
    ...(newest.raw ? { newestUploadedAt: newest.raw, newestUploadedMs: newest.ms } : {}),
    ...(fullSyncDue ? { fullSyncDue } : {}),
  };
  return { changed: true, fullSyncDue };
}
