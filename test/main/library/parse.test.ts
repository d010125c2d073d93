import { describe, expect, it } from 'vitest';
import {
  albumOf,
  pageOf,
  playlistOf,
  summaryOf,
  timeOf,
  trackRowOf,
} from '../../../src-main/services/library/parse.ts';

describe('tolerant library parsing', () => {
  it('reads every list shape API.md allows', () => {
    const items = [{ id: 1 }, { id: 2 }];
    expect(pageOf({ items, next_cursor: 'c2' }, 'tracks')).toEqual({ items, nextCursor: 'c2' });
    expect(pageOf({ items, next_cursor: null }, 'tracks')).toEqual({ items });
    expect(pageOf(items, 'tracks')).toEqual({ items });
    expect(pageOf({ tracks: items, nextCursor: 'x' }, 'tracks')).toEqual({
      items,
      nextCursor: 'x',
    });
    expect(pageOf({ data: items }, 'albums')).toEqual({ items });
    expect(pageOf({ albums: items }, 'albums')).toEqual({ items });
    expect(pageOf(null, 'tracks')).toEqual({ items: [] });
    expect(pageOf('nonsense', 'tracks')).toEqual({ items: [] });
  });

  it('keeps a track with only an ID, and skips one without a usable ID', () => {
    expect(trackRowOf({ id: 7 })).toEqual({
      id: 7,
      title: '',
      artist: '',
      album: '',
      albumId: '',
      genre: '',
      format: '',
      artworkUrl: '',
      duration: 0,
      year: 0,
      trackNumber: 0,
      discNumber: 0,
      size: 0,
      uploadedAt: 0,
    });
    for (const bad of [{}, { id: 'abc' }, { id: -1 }, { id: 1.5 }, null, 'x', { id: null }]) {
      expect(trackRowOf(bad)).toBeUndefined();
    }
  });

  it('reads numbers from strings, nulls as missing, and cleans control characters', () => {
    const row = trackRowOf({
      id: '42',
      title: 'A\u001fB\nC',
      artist: null,
      album: 'Blue',
      genre: null,
      year: '1999',
      duration: '201.5',
      uploaded_at: '2025-01-02T03:04:05Z',
      artwork_url: null,
      format: 'MP3',
      unknown_field: { nested: true },
    });
    expect(row).toMatchObject({
      id: 42,
      title: 'A B C',
      artist: '',
      album: 'Blue',
      albumId: '~|blue',
      genre: '',
      year: 1999,
      duration: 201.5,
      format: 'mp3',
      uploadedAt: Date.parse('2025-01-02T03:04:05Z'),
      uploadedAtRaw: '2025-01-02T03:04:05Z',
    });
    expect(trackRowOf({ id: 3, duration_ms: 90_500 })?.duration).toBe(90.5);
    expect(trackRowOf({ id: 3, uploaded_at: 'not a date' })).toMatchObject({ uploadedAt: 0 });
    expect(trackRowOf({ id: 3, uploaded_at: 'not a date' })?.uploadedAtRaw).toBeUndefined();
  });

  it('reads albums, playlists and the summary with missing optional fields', () => {
    expect(albumOf({ id: 'alb_1' })).toEqual({ id: 'alb_1', title: '', artist: '' });
    expect(albumOf({ id: 'alb_1', year: 2001, artwork_url: null, track_count: '9' })).toEqual({
      id: 'alb_1',
      title: '',
      artist: '',
      year: 2001,
      trackCount: 9,
    });
    expect(albumOf({ title: 'No ID' })).toBeUndefined();
    expect(playlistOf({ id: 'pl_1', name: 'Morning' })).toEqual({
      id: 'pl_1',
      name: 'Morning',
      description: '',
      trackCount: 0,
    });
    expect(summaryOf({ track_count: 10, album_count: 2 })).toEqual({
      trackCount: 10,
      albumCount: 2,
      playlistCount: 0,
      totalDuration: 0,
    });
    expect(summaryOf({})).toBeUndefined();
  });
});

describe('reading uploaded_at', () => {
  const same = (text: string) => {
    const expected = Date.parse(text);
    expect(
      Number.isNaN(expected) ? Number.isNaN(timeOf(text)) : timeOf(text) === expected,
      text,
    ).toBe(true);
  };

  it('agrees with Date.parse on ISO times, with and without milliseconds', () => {
    for (let i = 0; i < 2000; i++) {
      const iso = new Date(Date.UTC(1000, 0, 1) + Math.floor(Math.random() * 4e13)).toISOString();
      same(iso);
      same(iso.replace(/\.\d{3}Z$/, 'Z'));
    }
    for (const text of [
      '2024-02-29T23:59:59.999Z',
      '1900-02-28T00:00:00.000Z',
      '2000-02-29T12:00:00Z',
    ])
      same(text);
  });

  it('leaves every other shape, and impossible dates, to Date.parse', () => {
    for (const text of [
      '2023-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2019-04-31T02:35:04.000Z',
      '2019-13-01T00:00:00.000Z',
      '2019-01-01T24:00:00.000Z',
      '0099-01-01T00:00:00.000Z',
      '2019-01-0aT02:35:04.000Z',
      '2019-01-01T02:35:04.000+02:00',
      '2019-01-01T02:35:04.0Z',
      '2019-01-01',
      'garbage',
      '',
    ])
      same(text);
  });
});
