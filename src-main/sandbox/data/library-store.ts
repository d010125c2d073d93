import { isoAt } from '../clock.ts';
import { musicPieces } from '../audio/pieces.ts';
import type { GeneratedLibrary } from './library.ts';
import {
  audioDuration,
  audioFor,
  audioSize,
  type AlbumRecord,
  type PlaylistRecord,
  type TrackRecord,
} from './library-model.ts';
import { createPrng } from './prng.ts';
import { adjectives, nouns } from './words.ts';

/** A position in the (uploaded_at, id) order tracks are listed in. */
export interface TrackKey {
  uploadedMs: number;
  id: number;
}

export interface LibrarySummaryJson {
  track_count: number;
  album_count: number;
  playlist_count: number;
  total_duration: number;
  storage_bytes: number;
  last_upload_at: string | null;
}

/**
 * The live library: the seeded tracks plus any added during a run, indexed for keyset paging.
 * Tracks stay sorted by (uploadedMs, id), so a page or an `uploaded_after` filter is a binary
 * search, not a scan — 500 pages over 100,000 tracks cost almost nothing.
 */
export interface LibraryStore {
  summary(): LibrarySummaryJson;
  track(id: number): TrackRecord | undefined;
  album(id: string): AlbumRecord | undefined;
  playlist(id: string): PlaylistRecord | undefined;
  /** All tracks in listing order (read-only). */
  tracks(): readonly TrackRecord[];
  albums(): readonly AlbumRecord[];
  playlists(): readonly PlaylistRecord[];
  /** Tracks after `after` (exclusive) and uploaded strictly after `uploadedAfterMs`. */
  tracksPage(
    after: TrackKey | undefined,
    uploadedAfterMs: number | undefined,
    limit: number,
  ): { items: TrackRecord[]; more: boolean };
  /** Adds a new album of `count` tracks uploaded "now" (for incremental-sync tests). */
  addTracks(count: number, nowMs: number): TrackRecord[];
}

function compareKey(track: TrackRecord, key: TrackKey): number {
  return track.uploadedMs - key.uploadedMs || track.id - key.id;
}

/** Index of the first track strictly after `key`. */
function firstAfter(tracks: readonly TrackRecord[], key: TrackKey): number {
  let low = 0;
  let high = tracks.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const track = tracks[mid];
    if (track && compareKey(track, key) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function createLibraryStore(library: GeneratedLibrary, seed: number): LibraryStore {
  const tracks = [...library.tracks];
  const albums = library.albums.map((album) => ({ ...album, trackIds: [...album.trackIds] }));
  const playlists = library.playlists;
  const trackById = new Map(tracks.map((track) => [track.id, track]));
  const albumById = new Map(albums.map((album) => [album.id, album]));
  const playlistById = new Map(playlists.map((playlist) => [playlist.id, playlist]));
  let totalMs = 0;
  let storage = 0;
  for (const track of tracks) {
    totalMs += Math.round(audioDuration(track.audio) * 1000);
    storage += audioSize(track.audio);
  }
  // Additions draw from their own stream so they are reproducible too.
  const additions = createPrng(seed).fork('additions');
  let nextId = (tracks.at(-1)?.id ?? 0) + 1;

  return {
    summary() {
      const last = tracks.at(-1);
      return {
        track_count: tracks.length,
        album_count: albums.length,
        playlist_count: playlists.length,
        total_duration: totalMs / 1000,
        storage_bytes: storage,
        last_upload_at: last ? isoAt(last.uploadedMs) : null,
      };
    },
    track: (id) => trackById.get(id),
    album: (id) => albumById.get(id),
    playlist: (id) => playlistById.get(id),
    tracks: () => tracks,
    albums: () => albums,
    playlists: () => playlists,
    tracksPage(after, uploadedAfterMs, limit) {
      let start = after ? firstAfter(tracks, after) : 0;
      if (uploadedAfterMs !== undefined) {
        start = Math.max(start, firstAfter(tracks, { uploadedMs: uploadedAfterMs, id: Infinity }));
      }
      return { items: tracks.slice(start, start + limit), more: start + limit < tracks.length };
    },
    addTracks(count, nowMs) {
      const albumId = `alb_new${String(albums.length + 1).padStart(6, '0')}`;
      const title = `${additions.pick(adjectives)} ${additions.pick(nouns)} (New Arrivals)`;
      const album: AlbumRecord = {
        id: albumId,
        title,
        artist: 'New Arrivals',
        hasArtwork: false,
        trackIds: [],
      };
      const piece = additions.int(0, musicPieces.length - 1);
      // Strictly later than anything listed so far, even if the clock was never advanced.
      const uploadedMs = Math.max(nowMs, (tracks.at(-1)?.uploadedMs ?? 0) + 1);
      const added: TrackRecord[] = [];
      for (let i = 0; i < count; i++) {
        const track: TrackRecord = {
          id: nextId++,
          title: `${additions.pick(adjectives)} ${additions.pick(nouns)}`,
          artist: 'New Arrivals',
          albumTitle: title,
          albumId,
          trackNumber: i + 1,
          discNumber: 1,
          genre: 'Pop',
          year: new Date(nowMs).getUTCFullYear(),
          uploadedMs: uploadedMs + i,
          hasArtwork: false,
          audio: audioFor(piece, 'mp3', additions.int(95, 240)),
        };
        tracks.push(track);
        trackById.set(track.id, track);
        album.trackIds.push(track.id);
        totalMs += Math.round(audioDuration(track.audio) * 1000);
        storage += audioSize(track.audio);
        added.push(track);
      }
      albums.push(album);
      albumById.set(albumId, album);
      return added;
    },
  };
}
