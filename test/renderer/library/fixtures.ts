import {
  codedColumns,
  columnSeparator,
  numericColumns,
  type AlbumInfo,
  type TrackLibrarySnapshot,
  type LibraryStatus,
  type PlaylistInfo,
} from '../../../src-preload/contract/schemas/library.ts';
import { useLibraryNav } from '../../../src-renderer/features/library/library-nav.ts';
import { useLibrary } from '../../../src-renderer/features/library/library-store.ts';
import { usePlayRequest } from '../../../src-renderer/features/player/play-request.ts';

export interface TrackSpec {
  id: number;
  title?: string;
  artist?: string;
  album?: string;
  albumId?: string;
  genre?: string;
  format?: string;
  duration?: number;
  year?: number;
  trackNumber?: number;
  discNumber?: number;
  size?: number;
  uploadedAt?: number;
}

/** A snapshot as main sends it: text columns joined, numbers packed column after column. */
export function snapshotOf(
  tracks: readonly TrackSpec[],
  extra: { revision?: number; albums?: AlbumInfo[]; playlists?: PlaylistInfo[] } = {},
): TrackLibrarySnapshot {
  const count = tracks.length;
  const text = { title: tracks.map((track) => track.title ?? '').join(columnSeparator) };
  // Coded columns: each distinct value once, every row's index into them.
  const distinct = {} as NonNullable<TrackLibrarySnapshot['tracks']['coded']>['distinct'];
  const codes = new Uint16Array(count * codedColumns.length);
  codedColumns.forEach((column, c) => {
    const values = [...new Set(tracks.map((track) => track[column] ?? ''))];
    distinct[column] = values.join(columnSeparator);
    tracks.forEach((track, row) => {
      codes[c * count + row] = values.indexOf(track[column] ?? '');
    });
  });
  const packed = new Float64Array(count * numericColumns.length);
  numericColumns.forEach((column, c) => {
    tracks.forEach((track, row) => {
      packed[c * count + row] = track[column] ?? 0;
    });
  });
  return {
    revision: extra.revision ?? 1,
    tracks: {
      count,
      text,
      coded: { distinct, codeBytes: 2, codes: new Uint8Array(codes.buffer) },
      numbers: new Uint8Array(packed.buffer),
    },
    albums: extra.albums ?? [],
    playlists: extra.playlists ?? [],
  };
}

export function readyStatus(overrides: Partial<LibraryStatus> = {}): LibraryStatus {
  return {
    state: 'ready',
    revision: 1,
    demo: false,
    trackCount: 0,
    synced: true,
    lastSyncAt: new Date(Date.now() - 60_000).toISOString(),
    resumable: false,
    ...overrides,
  };
}

/** A small library with accents, a track without its optional fields, two albums, a playlist. */
export function sampleLibrary() {
  const tracks: TrackSpec[] = [
    {
      id: 11,
      title: 'Halo',
      artist: 'Beyoncé',
      album: 'I Am… Sasha Fierce',
      albumId: 'alb_sasha',
      genre: 'Pop',
      duration: 261,
      year: 2008,
      trackNumber: 2,
      uploadedAt: Date.UTC(2024, 0, 5),
    },
    {
      id: 12,
      title: 'If I Were a Boy',
      artist: 'Beyoncé',
      album: 'I Am… Sasha Fierce',
      albumId: 'alb_sasha',
      genre: 'Pop',
      duration: 249,
      year: 2008,
      trackNumber: 1,
      uploadedAt: Date.UTC(2024, 0, 4),
    },
    {
      id: 21,
      title: 'Blue in Green',
      artist: 'Miles Davis',
      album: 'Kind of Blue',
      albumId: 'alb_kob',
      genre: 'Jazz',
      duration: 337,
      year: 1959,
      trackNumber: 3,
      uploadedAt: Date.UTC(2023, 5, 1),
    },
    {
      id: 22,
      title: 'So What',
      artist: 'Miles Davis',
      album: 'Kind of Blue',
      albumId: 'alb_kob',
      genre: 'Jazz',
      duration: 562,
      year: 1959,
      trackNumber: 1,
      uploadedAt: Date.UTC(2023, 5, 2),
    },
    // Only an ID: every optional field missing.
    { id: 99 },
  ];
  const albums: AlbumInfo[] = [
    { id: 'alb_sasha', title: 'I Am… Sasha Fierce', artist: 'Beyoncé', year: 2008 },
    { id: 'alb_kob', title: 'Kind of Blue', artist: 'Miles Davis', year: 1959 },
  ];
  const playlists: PlaylistInfo[] = [
    {
      id: 'pl_morning',
      name: 'Morning opening',
      description: 'Calm start',
      trackCount: 2,
      trackIds: [22, 11],
    },
  ];
  return { tracks, albums, playlists, snapshot: snapshotOf(tracks, { albums, playlists }) };
}

/** Stores are module singletons: every test starts from their initial state. */
export function resetLibraryStores(): void {
  useLibrary.setState(useLibrary.getInitialState(), true);
  useLibraryNav.setState(useLibraryNav.getInitialState(), true);
  usePlayRequest.setState({ request: undefined });
}
