import { albumRows, idsOf, rowsOfIds, trackAt, type TrackInfo } from './library-data.ts';
import { useLibrary } from './library-store.ts';

/**
 * The track library's public entry: the only file other features import (lint-enforced). Its
 * read API (the player above all) is synchronous and works on what is loaded right now; none of
 * it touches the network.
 */

export type { TrackInfo };

/** A track by ID: title, artist, album, duration, format… or undefined if not in the library. */
export function getTrack(id: number): TrackInfo | undefined {
  const data = useLibrary.getState().data;
  const row = data?.rowOf.get(id);
  return data && row !== undefined ? trackAt(data, row) : undefined;
}

/** A track's length in seconds, 0 when unknown: no object built, so summing 20,000 is cheap. */
export function trackDuration(id: number): number {
  const data = useLibrary.getState().data;
  const row = data?.rowOf.get(id);
  return data && row !== undefined ? (data.numbers.duration[row] ?? 0) : 0;
}

/** The album's track IDs in disc, then track order. */
export function albumTrackIds(albumId: string): number[] {
  const data = useLibrary.getState().data;
  if (!data) return [];
  return idsOf(data, albumRows(data).get(albumId) ?? []);
}

/** The playlist's track IDs in playlist order (IDs the library lacks are left out). */
export function playlistTrackIds(playlistId: string): number[] {
  const data = useLibrary.getState().data;
  const playlist = data?.playlistById.get(playlistId);
  if (!data || !playlist) return [];
  return idsOf(data, rowsOfIds(data, playlist.trackIds));
}

/** The tracks view as the user sees it now: filtered and sorted. */
export function viewTrackIds(): number[] {
  const { data, view } = useLibrary.getState();
  return data ? idsOf(data, view) : [];
}

/** Calls `listener` whenever the loaded library changes (a sync finished, an account switch). */
export function onLibraryChange(listener: () => void): () => void {
  return useLibrary.subscribe((state, before) => {
    if (state.data !== before.data) listener();
  });
}
