import { describe, expect, it } from 'vitest';
import { trackRowOf } from '../../../src-main/services/library/parse.ts';
import { createTrackColumns } from '../../../src-main/services/library/track-columns.ts';
import { decodeSnapshot, trackAt } from '../../../src-renderer/features/library/library-data.ts';

/** Main's table → the snapshot main sends → the renderer's columns. */
function roundTrip(count: number, albumOf: (i: number) => string) {
  const table = createTrackColumns();
  const raw = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title: `Song ${i}`,
    artist: `Artist ${i % 5}`,
    album: `Album ${albumOf(i)}`,
    album_id: `alb_${albumOf(i)}`,
    genre: i % 3 ? 'Jazz' : '',
    format: 'MP3',
    duration: i + 0.5,
    year: 2000 + (i % 20),
    track_number: (i % 12) + 1,
  }));
  for (const item of raw) table.upsert(trackRowOf(item)!);
  const snapshot = table.snapshot();
  return {
    raw,
    snapshot,
    data: decodeSnapshot({ revision: 1, tracks: snapshot, albums: [], playlists: [] }),
  };
}

describe('the library snapshot between main and the renderer', () => {
  it('sends repeated text once with codes, and the renderer reads every row back', () => {
    const { raw, snapshot, data } = roundTrip(3000, (i) => String(i % 40));
    expect(snapshot.coded?.codeBytes).toBe(2);
    expect(snapshot.coded?.distinct.artist.split('\u0085')).toHaveLength(5);
    expect(snapshot.text).toEqual({ title: expect.any(String) as unknown });
    for (const i of [0, 1, 2, 1234, 2999]) {
      expect(trackAt(data, i)).toMatchObject({
        id: raw[i]!.id,
        title: raw[i]!.title,
        artist: raw[i]!.artist,
        album: raw[i]!.album,
        albumId: raw[i]!.album_id,
        genre: raw[i]!.genre,
        format: 'mp3',
        duration: raw[i]!.duration,
        trackNumber: raw[i]!.track_number,
      });
    }
  });

  it('widens the codes when a column has more than 65,536 distinct values', () => {
    const { raw, snapshot, data } = roundTrip(70_000, (i) => String(i));
    expect(snapshot.coded?.codeBytes).toBe(4);
    expect(trackAt(data, 69_999).albumId).toBe(raw[69_999]!.album_id);
    expect(trackAt(data, 65_537).album).toBe(raw[65_537]!.album);
  });

  it('refuses codes that point past the distinct values', () => {
    const { snapshot } = roundTrip(10, () => 'x');
    const codes = new Uint16Array(snapshot.coded!.codes.buffer.slice(0));
    codes[3] = 7;
    const damaged = {
      ...snapshot,
      coded: { ...snapshot.coded!, codes: new Uint8Array(codes.buffer) },
    };
    expect(() =>
      decodeSnapshot({ revision: 1, tracks: damaged, albums: [], playlists: [] }),
    ).toThrow(/damaged/);
  });
});
