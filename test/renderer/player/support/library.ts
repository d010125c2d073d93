import {
  columnSeparator,
  numericColumns,
  textColumns,
  type TrackLibrarySnapshot,
} from '../../../../src-preload/contract/schemas/library.ts';
import { decodeSnapshot } from '../../../../src-renderer/features/library/library-data.ts';
import { useLibrary } from '../../../../src-renderer/features/library/library-store.ts';

export interface LibraryTrack {
  id: number;
  title: string;
  artist: string;
  album: string;
  duration: number;
  format?: string;
}

/** A library of tracks 1…count named like the engine harness's (`Song 1` by `Artist 1`). */
export function songs(count: number, duration = 200): LibraryTrack[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title: `Song ${i + 1}`,
    artist: `Artist ${i + 1}`,
    album: `Album ${i + 1}`,
    duration,
  }));
}

/** Puts `tracks` in the library store the player reads, through the real snapshot decoder. */
export function installLibrary(tracks: readonly LibraryTrack[]): void {
  const count = tracks.length;
  const numbers = new Float64Array(count * numericColumns.length);
  tracks.forEach((track, row) => {
    numbers[row] = track.id;
    numbers[count + row] = track.duration;
  });
  const column = (pick: (track: LibraryTrack) => string) => tracks.map(pick).join(columnSeparator);
  const values: Record<(typeof textColumns)[number], (track: LibraryTrack) => string> = {
    title: (t) => t.title,
    artist: (t) => t.artist,
    album: (t) => t.album,
    albumId: (t) => `al_${t.album}`,
    genre: () => '',
    format: (t) => t.format ?? 'mp3',
  };
  const snapshot: TrackLibrarySnapshot = {
    revision: 1,
    tracks: {
      count,
      text: Object.fromEntries(
        textColumns.map((name) => [name, column(values[name])]),
      ) as TrackLibrarySnapshot['tracks']['text'],
      numbers: new Uint8Array(numbers.buffer),
    },
    albums: [],
    playlists: [],
  };
  useLibrary.setState({ data: decodeSnapshot(snapshot) });
}

export function clearLibrary(): void {
  useLibrary.setState({ data: undefined });
}
