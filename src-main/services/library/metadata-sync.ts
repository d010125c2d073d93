import type {
  AlbumInfo,
  LibrarySummary,
  PlaylistInfo,
} from '../../../src-preload/contract/schemas/library.ts';
import { eachLimited, listAll, type Requester } from './paging.ts';
import { albumOf, playlistOf, summaryOf, trackRowOf, type TrackRow } from './parse.ts';
import type { TrackColumns } from './track-columns.ts';

export async function fetchSummary(
  request: Requester,
  signal: AbortSignal,
): Promise<LibrarySummary | undefined> {
  const { data } = await request({ path: '/library/summary', signal });
  return summaryOf(data);
}

/**
 * The album list, completed with albums the list lacks but tracks name (an album list that
 * failed, or a server that lists fewer): their title, artist and year come from the tracks.
 */
export async function fetchAlbums(request: Requester, signal: AbortSignal): Promise<AlbumInfo[]> {
  const albums: AlbumInfo[] = [];
  const seen = new Set<string>();
  for (const item of await listAll(request, '/library/albums', 'albums', signal)) {
    const album = albumOf(item);
    if (album && !seen.has(album.id)) {
      seen.add(album.id);
      albums.push(album);
    }
  }
  return albums;
}

export function completeAlbums(albums: readonly AlbumInfo[], tracks: TrackColumns): AlbumInfo[] {
  const known = new Set(albums.map((album) => album.id));
  const derived: AlbumInfo[] = [];
  for (const [id, facts] of tracks.albumFacts(known)) {
    derived.push({
      id,
      title: facts.title,
      artist: facts.artist,
      ...(facts.year ? { year: facts.year } : {}),
    });
  }
  return derived.length ? [...albums, ...derived] : [...albums];
}

export interface FetchedPlaylists {
  playlists: PlaylistInfo[];
  /** The playlists' own copies of their tracks, for tracks the library listing lacks. */
  rows: Map<number, TrackRow>;
}

/**
 * Playlists and their track IDs. A playlist whose `updated_at` and size did not change keeps
 * the track list already known, so a routine sync does not refetch every playlist.
 */
export async function fetchPlaylists(
  request: Requester,
  signal: AbortSignal,
  previous: readonly PlaylistInfo[] = [],
): Promise<FetchedPlaylists> {
  const rows = new Map<number, TrackRow>();
  const known = new Map(previous.map((playlist) => [playlist.id, playlist]));
  const listed = (await listAll(request, '/library/playlists', 'playlists', signal))
    .map(playlistOf)
    .filter((playlist) => playlist !== undefined);
  const result: PlaylistInfo[] = listed.map((playlist) => ({ ...playlist, trackIds: [] }));
  await eachLimited(result, 4, async (playlist) => {
    const before = known.get(playlist.id);
    if (
      before?.updatedAt !== undefined &&
      before.updatedAt === playlist.updatedAt &&
      before.trackCount === playlist.trackCount
    ) {
      playlist.trackIds = before.trackIds;
      return;
    }
    const items = await listAll(
      request,
      `/library/playlists/${encodeURIComponent(playlist.id)}/tracks`,
      'tracks',
      signal,
    );
    for (const item of items) {
      const row = trackRowOf(item);
      if (!row) continue;
      rows.set(row.id, row);
      playlist.trackIds.push(row.id);
    }
    if (!playlist.trackCount) playlist.trackCount = playlist.trackIds.length;
  });
  return { playlists: result, rows };
}

/** Adds the playlist tracks the library listing did not have (after it, to keep its order). */
export function addMissing(tracks: TrackColumns, rows: Map<number, TrackRow>): void {
  for (const [id, row] of rows) if (!tracks.has(id)) tracks.upsert(row);
}
