import type {
  AlbumInfo,
  LibrarySummary,
  PlaylistInfo,
} from '../../../src-preload/contract/schemas/library.ts';

/**
 * Tolerant readers for Queye's library answers. The object fields are not documented, so
 * every field but an ID is optional, unknown fields are ignored, and numbers may come as
 * numeric strings. An item without a usable ID is skipped (the sync counts and logs them), never a
 * crash.
 */

type Json = Record<string, unknown>;

export interface TrackRow {
  id: number;
  title: string;
  artist: string;
  album: string;
  albumId: string;
  genre: string;
  format: string;
  artworkUrl: string;
  /** Seconds; 0 when unknown. */
  duration: number;
  year: number;
  trackNumber: number;
  discNumber: number;
  size: number;
  /** Milliseconds since the epoch; 0 when unknown. */
  uploadedAt: number;
  /** `uploaded_at` exactly as received, for `uploaded_after` (its format is the server's). */
  uploadedAtRaw: string | undefined;
}

export interface Page {
  items: unknown[];
  nextCursor?: string;
}

const object = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

// U+0085 joins text columns for transport and storage; other control characters only hurt.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f-\u009f]+/g;
// eslint-disable-next-line no-control-regex
const hasControl = /[\u0000-\u001f\u007f-\u009f]/;

export function textOf(value: unknown): string {
  if (typeof value === 'string') {
    // A plain test is cheaper than a replace that finds nothing, the case of nearly every value.
    return hasControl.test(value) ? value.replace(controls, ' ').trim() : value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

export function numberOf(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : 0;
  }
  return 0;
}

/** A list answer: `{items, next_cursor}`, or the list under `key` / `data`, or a bare array. */
export function pageOf(data: unknown, key: string): Page {
  if (Array.isArray(data)) return { items: data };
  const body = object(data);
  let items: unknown[] = [];
  for (const name of ['items', key, 'data']) {
    const value = body[name];
    if (Array.isArray(value)) {
      items = value;
      break;
    }
  }
  const next = body.next_cursor ?? body.nextCursor;
  return typeof next === 'string' && next !== '' ? { items, nextCursor: next } : { items };
}

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const digits = (text: string, at: number, count: number) => {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const d = digit(text, at + i);
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
};

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    ? 29
    : monthDays[month - 1]!;

/**
 * Milliseconds of an `uploaded_at`. The usual shape, `2019-01-01T02:35:04.000Z`, is read
 * directly: `Date.parse` took more than half of the time spent reading each of 100,000 tracks.
 * Anything else goes to `Date.parse`.
 */
export function timeOf(text: string): number {
  if (
    (text.length === 24 || text.length === 20) &&
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === 'T' &&
    text[13] === ':' &&
    text[16] === ':' &&
    text[text.length - 1] === 'Z' &&
    (text.length === 20 || text[19] === '.')
  ) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    const ms = text.length === 24 ? digits(text, 20, 3) : 0;
    // Years below 1000 (Date.UTC reads 0–99 as 19xx) and days past the month's end (which
    // Date.UTC rolls over) are left to Date.parse, whatever it makes of them.
    if (
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysIn(year, month) &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59 &&
      ms >= 0
    ) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(text);
}

const idOf = (raw: Json): number | undefined => {
  const id = numberOf(raw.id ?? raw.track_id);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

export function trackRowOf(item: unknown): TrackRow | undefined {
  const raw = object(item);
  const id = idOf(raw);
  if (id === undefined) return undefined;
  const album = textOf(raw.album ?? raw.album_title);
  const artist = textOf(raw.artist);
  const uploadedText = typeof raw.uploaded_at === 'string' ? raw.uploaded_at : undefined;
  const uploadedAt = uploadedText ? timeOf(uploadedText) : NaN;
  const known = Number.isFinite(uploadedAt);
  const rawAlbumId = textOf(raw.album_id ?? raw.albumId);
  // One object literal of a fixed shape: 100,000 of these are made per sync, and a spread or a
  // field added later would make each one slower to build and to read.
  return {
    id,
    title: textOf(raw.title ?? raw.name),
    artist,
    album,
    // Without an album ID, tracks of the same titled album still group together.
    albumId: rawAlbumId || (album ? `~${artist.toLowerCase()}|${album.toLowerCase()}` : ''),
    genre: textOf(raw.genre),
    format: textOf(raw.format).toLowerCase(),
    artworkUrl: textOf(raw.artwork_url ?? raw.artworkUrl),
    duration: numberOf(raw.duration) || numberOf(raw.duration_ms) / 1000,
    year: numberOf(raw.year),
    trackNumber: numberOf(raw.track_number ?? raw.trackNumber),
    discNumber: numberOf(raw.disc_number ?? raw.discNumber),
    size: numberOf(raw.size),
    uploadedAt: known ? uploadedAt : 0,
    uploadedAtRaw: known ? uploadedText : undefined,
  };
}

const optionalText = (value: unknown): string | undefined => textOf(value) || undefined;
const optionalNumber = (value: unknown): number | undefined => {
  const n = numberOf(value);
  return n > 0 ? n : undefined;
};

export function albumOf(item: unknown): AlbumInfo | undefined {
  const raw = object(item);
  const id = textOf(raw.id ?? raw.album_id);
  if (!id) return undefined;
  const album: AlbumInfo = { id, title: textOf(raw.title ?? raw.name), artist: textOf(raw.artist) };
  const year = optionalNumber(raw.year);
  const trackCount = optionalNumber(raw.track_count ?? raw.trackCount);
  const duration = optionalNumber(raw.duration);
  const artworkUrl = optionalText(raw.artwork_url ?? raw.artworkUrl);
  if (year) album.year = year;
  if (trackCount) album.trackCount = trackCount;
  if (duration) album.duration = duration;
  if (artworkUrl) album.artworkUrl = artworkUrl;
  return album;
}

export function playlistOf(item: unknown): Omit<PlaylistInfo, 'trackIds'> | undefined {
  const raw = object(item);
  const id = textOf(raw.id ?? raw.playlist_id);
  if (!id) return undefined;
  const playlist: Omit<PlaylistInfo, 'trackIds'> = {
    id,
    name: textOf(raw.name ?? raw.title),
    description: textOf(raw.description),
    trackCount: numberOf(raw.track_count ?? raw.trackCount),
  };
  const duration = optionalNumber(raw.duration);
  const updatedAt = optionalText(raw.updated_at ?? raw.updatedAt);
  if (duration) playlist.duration = duration;
  if (updatedAt) playlist.updatedAt = updatedAt;
  return playlist;
}

export function summaryOf(data: unknown): LibrarySummary | undefined {
  const raw = object(data);
  if (!Object.keys(raw).length) return undefined;
  const summary: LibrarySummary = {
    trackCount: numberOf(raw.track_count ?? raw.trackCount ?? raw.tracks),
    albumCount: numberOf(raw.album_count ?? raw.albumCount ?? raw.albums),
    playlistCount: numberOf(raw.playlist_count ?? raw.playlistCount ?? raw.playlists),
    totalDuration: numberOf(raw.total_duration ?? raw.totalDuration),
  };
  const storage = optionalNumber(raw.storage_bytes ?? raw.storageBytes);
  const lastUpload = optionalText(raw.last_upload_at ?? raw.lastUploadAt);
  if (storage) summary.storageBytes = storage;
  if (lastUpload) summary.lastUploadAt = lastUpload;
  return summary;
}
