import { isoAt } from '../clock.ts';
import type { LibraryStore } from '../data/library-store.ts';
import {
  audioDuration,
  audioSize,
  type AlbumRecord,
  type PlaylistRecord,
  type TrackRecord,
} from '../data/library-model.ts';

/** Artwork is served outside `/v1`, like a CDN: an `<img>` cannot send the client key. */
export function artworkUrl(origin: string, albumId: string): string {
  return `${origin}/artwork/${albumId}.svg`;
}

/** Track JSON with keys in a fixed order (byte-identical pages for the same seed). */
export function trackJson(track: TrackRecord, origin: string): Record<string, unknown> {
  return {
    id: track.id,
    title: track.title,
    artist: track.artist,
    album: track.albumTitle,
    album_id: track.albumId,
    ...(track.trackNumber !== undefined ? { track_number: track.trackNumber } : {}),
    ...(track.discNumber !== undefined ? { disc_number: track.discNumber } : {}),
    duration: audioDuration(track.audio),
    genre: track.genre,
    ...(track.year !== undefined ? { year: track.year } : {}),
    format: track.audio.format,
    size: audioSize(track.audio),
    uploaded_at: isoAt(track.uploadedMs),
    artwork_url: track.hasArtwork ? artworkUrl(origin, track.albumId) : null,
  };
}

function totalDuration(library: LibraryStore, trackIds: readonly number[]): number {
  let ms = 0;
  for (const id of trackIds) {
    const track = library.track(id);
    if (track) ms += Math.round(audioDuration(track.audio) * 1000);
  }
  return ms / 1000;
}

export function albumJson(
  album: AlbumRecord,
  library: LibraryStore,
  origin: string,
): Record<string, unknown> {
  return {
    id: album.id,
    title: album.title,
    artist: album.artist,
    ...(album.year !== undefined ? { year: album.year } : {}),
    track_count: album.trackIds.length,
    duration: totalDuration(library, album.trackIds),
    artwork_url: album.hasArtwork ? artworkUrl(origin, album.id) : null,
  };
}

export function playlistJson(
  playlist: PlaylistRecord,
  library: LibraryStore,
): Record<string, unknown> {
  return {
    id: playlist.id,
    name: playlist.name,
    description: playlist.description,
    track_count: playlist.trackIds.length,
    duration: totalDuration(library, playlist.trackIds),
    updated_at: isoAt(playlist.updatedMs),
  };
}
