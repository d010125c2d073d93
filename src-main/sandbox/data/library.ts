import { musicPieces } from '../audio/pieces.ts';
import {
  audioFor,
  type AlbumRecord,
  type PlaylistRecord,
  type TrackRecord,
} from './library-model.ts';
import { createPrng, hexDigits, type Prng } from './prng.ts';
import {
  adjectives,
  albumTemplates,
  bandWords,
  firstNames,
  genres,
  lastNames,
  nouns,
  playlistBlurbs,
  playlistNames,
  regions,
  titleTemplates,
} from './words.ts';

export interface GeneratedLibrary {
  /** Sorted by (uploadedMs, id). */
  tracks: TrackRecord[];
  albums: AlbumRecord[];
  playlists: PlaylistRecord[];
}

const firstUpload = Date.UTC(2019, 0, 1);
const lastUpload = Date.UTC(2026, 2, 31);

function fill(template: string, prng: Prng, extra: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_all, key: string) => {
    if (key in extra) return extra[key] ?? '';
    switch (key) {
      case 'adj':
        return prng.pick(adjectives);
      case 'noun':
      case 'noun2':
        return prng.pick(nouns);
      case 'city':
        return prng.pick(prng.pick(regions).cities);
      case 'name':
        return prng.pick(firstNames);
      case 'n':
        return String(prng.int(1, 4));
      default:
        return key;
    }
  });
}

function artistName(prng: Prng): string {
  const roll = prng.next();
  if (roll < 0.45) return `${prng.pick(firstNames)} ${prng.pick(lastNames)}`;
  if (roll < 0.7) return `The ${prng.pick(adjectives)} ${prng.pick(bandWords)}`;
  if (roll < 0.85) return `${prng.pick(nouns)} ${prng.pick(bandWords)}`;
  return `${prng.pick(firstNames)} & the ${prng.pick(nouns)}`;
}

/** Splits `total` into `parts` positive sizes around the average. */
function albumSizes(total: number, parts: number, prng: Prng): number[] {
  const sizes: number[] = [];
  let left = total;
  for (let i = 0; i < parts; i++) {
    const albumsLeft = parts - i;
    if (albumsLeft === 1) {
      sizes.push(left);
      break;
    }
    const average = left / albumsLeft;
    const size = Math.max(
      1,
      Math.min(left - (albumsLeft - 1), Math.round(average * (0.5 + prng.next()))),
    );
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * The seeded library. Albums are uploaded in batches (some with one timestamp for the whole
 * batch, as bulk uploads do), a few are compilations or lossless (WAV), and optional fields are
 * missing here and there — absent keys and nulls both — to keep clients tolerant.
 */
export function generateLibrary(options: {
  seed: number;
  tracks: number;
  albums: number;
  playlists: number;
}): GeneratedLibrary {
  const prng = createPrng(options.seed).fork('library');
  const albumCount = Math.max(options.tracks > 0 ? 1 : 0, Math.min(options.albums, options.tracks));
  const artists = Array.from({ length: Math.max(1, Math.ceil(albumCount / 3)) }, () =>
    artistName(prng),
  );
  const sizes = albumSizes(options.tracks, albumCount, prng);
  const drafts: Array<TrackRecord & { order: number }> = [];
  const albums: AlbumRecord[] = [];
  const takenIds = new Set<string>();
  const uniqueId = (prefix: string) => {
    let id: string;
    do id = `${prefix}_${prng.chars(10, hexDigits)}`;
    while (takenIds.has(id));
    takenIds.add(id);
    return id;
  };
  sizes.forEach((size, albumIndex) => {
    const compilation = prng.chance(0.05);
    const artist = compilation ? 'Various Artists' : prng.pick(artists);
    const album: AlbumRecord = {
      id: uniqueId('alb'),
      title: fill(prng.pick(albumTemplates), prng),
      artist,
      hasArtwork: prng.chance(0.85),
      trackIds: [],
    };
    if (prng.chance(0.92)) album.year = prng.int(1962, 2025);
    const genre = prng.pick(genres);
    const piece = prng.int(0, musicPieces.length - 1);
    // One album in 25 is lossless (WAV); the fourth always is, so every library has some.
    const format = albumIndex % 25 === 3 ? 'wav' : 'mp3';
    const batchUpload = prng.chance(0.4);
    const uploadedAt =
      firstUpload + Math.floor((prng.next() * (lastUpload - firstUpload)) / 1000) * 1000;
    const discs = size > 14 && prng.chance(0.7) ? 2 : 1;
    const perDisc = Math.ceil(size / discs);
    const discNumbers = !prng.chance(0.1);
    let uploadedMs = uploadedAt;
    for (let i = 0; i < size; i++) {
      // One after another, in album order; or all at once for a bulk upload.
      if (!batchUpload && i > 0) uploadedMs += prng.int(20, 90) * 1000;
      const track: TrackRecord & { order: number } = {
        id: 0,
        order: albumIndex * 1_000_000 + i,
        title: fill(prng.pick(titleTemplates), prng, { artist: prng.pick(artists) }),
        artist: compilation ? prng.pick(artists) : artist,
        albumTitle: album.title,
        albumId: album.id,
        trackNumber: (i % perDisc) + 1,
        genre: prng.chance(0.1) ? null : genre,
        uploadedMs,
        hasArtwork: album.hasArtwork,
        audio: audioFor(piece, format, prng.int(95, 330)),
      };
      if (discNumbers) track.discNumber = Math.floor(i / perDisc) + 1;
      if (album.year !== undefined && prng.chance(0.95)) track.year = album.year;
      drafts.push(track);
    }
    albums.push(album);
  });
  // IDs follow upload order; album track lists follow album order (disc, then track).
  drafts.sort((a, b) => a.uploadedMs - b.uploadedMs || a.order - b.order);
  const tracks: TrackRecord[] = drafts.map(({ order: _order, ...track }, index) => ({
    ...track,
    id: 1 + index,
  }));
  const albumById = new Map(albums.map((album) => [album.id, album]));
  const inAlbumOrder = drafts
    .map((draft, index) => ({ order: draft.order, id: 1 + index, albumId: draft.albumId }))
    .sort((a, b) => a.order - b.order);
  for (const entry of inAlbumOrder) albumById.get(entry.albumId)?.trackIds.push(entry.id);
  const playlists = generatePlaylists(prng.fork('playlists'), tracks, options.playlists);
  return { tracks, albums, playlists };
}

function generatePlaylists(prng: Prng, tracks: TrackRecord[], count: number): PlaylistRecord[] {
  const playlists: PlaylistRecord[] = [];
  for (let i = 0; i < count; i++) {
    // The last of several playlists is left empty: a real account has one somewhere.
    const empty = count >= 5 && i === count - 1;
    const size = empty ? 0 : Math.min(tracks.length, prng.int(12, 60));
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(prng.pick(tracks).id);
    playlists.push({
      id: `pl_${String(i + 1).padStart(3, '0')}${prng.chars(7, hexDigits)}`,
      name: empty ? 'New Playlist' : (playlistNames[i % playlistNames.length] ?? 'Playlist'),
      description: empty ? '' : prng.pick(playlistBlurbs),
      trackIds: [...chosen],
      updatedMs: Date.UTC(2025, 0, 1) + prng.int(0, 450) * 86_400_000 + prng.int(0, 86_399) * 1000,
    });
  }
  return playlists;
}
