import { describe, expect, it } from 'vitest';
import { demoAccessToken, fetchJson, queyeHeaders, useSandbox } from '../../support/sandbox.ts';

type Track = Record<string, unknown> & {
  id: number;
  uploaded_at: string;
  duration: number;
  size: number;
};
type Page<T> = { items: T[]; next_cursor: string | null };
type ErrorBody = { error: { code: string; message: string } };

const sandbox = useSandbox({ seed: 7 });

async function get<T>(path: string, token = demoAccessToken(sandbox())) {
  return fetchJson<T>(`${sandbox().queye.baseUrl}${path}`, {
    headers: queyeHeaders(sandbox(), token),
  });
}

async function allPages<T>(path: string, limit = 200): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const query: string = `${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await get<Page<T>>(`${path}${query}`);
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

const key = (track: Track) => [Date.parse(track.uploaded_at), track.id] as const;

describe('library tracks', () => {
  it('pages every track exactly once in (uploaded_at, id) order', async () => {
    const tracks = await allPages<Track>('/library/tracks', 37);
    expect(tracks).toHaveLength(320);
    expect(new Set(tracks.map((track) => track.id)).size).toBe(320);
    for (let i = 1; i < tracks.length; i++) {
      const [a, b] = [key(tracks[i - 1]!), key(tracks[i]!)];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
    }
    const { body } = await get<Page<Track>>(
      '/library/tracks?limit=200&cursor=' +
        encodeURIComponent((await get<Page<Track>>('/library/tracks?limit=200')).body.next_cursor!),
    );
    expect(body.items).toHaveLength(120);
    expect(body.next_cursor).toBeNull();
  });

  it('summarises the library consistently with the listing', async () => {
    const tracks = await allPages<Track>('/library/tracks');
    const { body } = await get<Record<string, unknown>>('/library/summary');
    expect(body.track_count).toBe(320);
    expect(body.album_count).toBe(40);
    expect(body.playlist_count).toBe(10);
    expect(body.storage_bytes).toBe(tracks.reduce((sum, track) => sum + track.size, 0));
    expect(body.total_duration).toBeCloseTo(
      tracks.reduce((sum, track) => sum + track.duration, 0),
      3,
    );
    expect(body.last_upload_at).toBe(tracks.at(-1)!.uploaded_at);
    expect(sandbox().control.librarySummary()).toEqual(body);
  });

  it('has varied metadata with optional fields sometimes missing', async () => {
    const tracks = await allPages<Track>('/library/tracks');
    expect(tracks.some((track) => !('year' in track))).toBe(true);
    expect(tracks.some((track) => track.genre === null)).toBe(true);
    expect(tracks.some((track) => track.artwork_url === null)).toBe(true);
    expect(tracks.some((track) => !('disc_number' in track))).toBe(true);
    expect(tracks.some((track) => track.format === 'wav')).toBe(true);
    expect(new Set(tracks.map((track) => track.genre)).size).toBeGreaterThan(5);
    expect(new Set(tracks.map((track) => track.artist)).size).toBeGreaterThan(10);
    for (const track of tracks) {
      expect(track).toMatchObject({
        id: expect.any(Number) as unknown,
        title: expect.any(String) as unknown,
        album_id: expect.stringMatching(/^alb_/) as unknown,
        duration: expect.any(Number) as unknown,
        size: expect.any(Number) as unknown,
      });
      expect(['mp3', 'wav']).toContain(track.format);
      expect(track.duration).toBeGreaterThan(90);
    }
  });

  it('refuses limits outside 1–200 rather than clamping them', async () => {
    for (const limit of ['0', '201', '-1', '1.5', 'abc', '']) {
      const { status, body } = await get<ErrorBody>(`/library/tracks?limit=${limit}`);
      expect({ limit, status, body }).toEqual({
        limit,
        status: 400,
        body: {
          error: {
            code: 'invalid_request',
            message: `limit must be an integer from 1 to 200 (got "${limit}").`,
          },
        },
      });
    }
    for (const path of ['/library/albums?limit=0', '/library/playlists?limit=201']) {
      expect((await get(path)).status).toBe(400);
    }
  });

  it('refuses malformed, tampered and foreign cursors', async () => {
    const tracksCursor = (await get<Page<Track>>('/library/tracks?limit=5')).body.next_cursor!;
    const albumsCursor = (await get<Page<unknown>>('/library/albums?limit=5')).body.next_cursor!;
    const tampered = `${tracksCursor.slice(0, -1)}${tracksCursor.endsWith('0') ? '1' : '0'}`;
    for (const cursor of ['garbage', tampered, 'a.b.c', '']) {
      const { status, body } = await get<ErrorBody>(
        `/library/tracks?cursor=${encodeURIComponent(cursor)}`,
      );
      expect({ cursor, status, body }).toEqual({
        cursor,
        status: 400,
        body: { error: { code: 'invalid_request', message: 'Malformed cursor.' } },
      });
    }
    const foreign = await get<ErrorBody>(
      `/library/tracks?cursor=${encodeURIComponent(albumsCursor)}`,
    );
    expect(foreign).toMatchObject({
      status: 400,
      body: { error: { message: 'This cursor belongs to a different listing.' } },
    });
  });

  it('filters uploaded_after strictly, and sees tracks added later', async () => {
    const tracks = await allPages<Track>('/library/tracks');
    // Bulk uploads share one timestamp: none of that batch is "after" it.
    const counts = new Map<string, number>();
    for (const track of tracks)
      counts.set(track.uploaded_at, (counts.get(track.uploaded_at) ?? 0) + 1);
    const [batchTime] = [...counts].find(([, n]) => n > 1)!;
    const later = await allPages<Track>(
      `/library/tracks?uploaded_after=${encodeURIComponent(batchTime)}`,
    );
    expect(later).toEqual(
      tracks.filter((track) => Date.parse(track.uploaded_at) > Date.parse(batchTime)),
    );

    const before = (await get<Record<string, string>>('/library/summary')).body.last_upload_at!;
    const added = sandbox().control.addTracks(3);
    const fresh = await get<Page<Track>>(
      `/library/tracks?uploaded_after=${encodeURIComponent(before)}`,
    );
    expect(fresh.body.items.map((track) => track.id)).toEqual(added.map((track) => track.id));
    expect(fresh.body.next_cursor).toBeNull();
    expect((await get<Record<string, number>>('/library/summary')).body.track_count).toBe(323);
    const dateOnly = await get<Page<Track>>('/library/tracks?uploaded_after=2099-01-01');
    expect(dateOnly.body.items).toEqual([]);
    for (const bad of ['yesterday', '2024-13-01', '2024-02-30T00:00:00Z', '2024-01-01T10:00:00']) {
      const { status, body } = await get<ErrorBody>(
        `/library/tracks?uploaded_after=${encodeURIComponent(bad)}`,
      );
      expect(status).toBe(400);
      expect(body.error.message).toContain('uploaded_after must be an ISO-8601 date-time');
    }
  });
});

describe('albums and playlists', () => {
  it('lists albums whose tracks add up', async () => {
    const albums = await allPages<
      Record<string, unknown> & { id: string; track_count: number; duration: number }
    >('/library/albums', 15);
    expect(albums.length).toBeGreaterThanOrEqual(40);
    const album = albums.find((entry) => entry.track_count > 3)!;
    const tracks = await allPages<Track>(`/library/albums/${album.id}/tracks`, 2);
    expect(tracks).toHaveLength(album.track_count);
    expect(tracks.every((track) => track.album_id === album.id)).toBe(true);
    expect(tracks.reduce((sum, track) => sum + track.duration, 0)).toBeCloseTo(album.duration, 3);
    const order = tracks.map((track) => [
      (track.disc_number as number | undefined) ?? 1,
      track.track_number as number,
    ]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('lists playlists, including an empty one, and their tracks', async () => {
    const playlists = await allPages<{
      id: string;
      track_count: number;
      name: string;
      updated_at: string;
    }>('/library/playlists', 3);
    expect(playlists).toHaveLength(10);
    expect(playlists.some((playlist) => playlist.track_count === 0)).toBe(true);
    const full = playlists.find((playlist) => playlist.track_count > 0)!;
    expect(await allPages<Track>(`/library/playlists/${full.id}/tracks`, 7)).toHaveLength(
      full.track_count,
    );
    const empty = playlists.find((playlist) => playlist.track_count === 0)!;
    expect((await get<Page<Track>>(`/library/playlists/${empty.id}/tracks`)).body).toEqual({
      items: [],
      next_cursor: null,
    });
  });

  it('answers 404 not_found for unknown albums and playlists', async () => {
    expect(await get('/library/albums/alb_nope/tracks')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'Album alb_nope not found.' } },
    });
    expect(await get('/library/playlists/pl_nope/tracks')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'Playlist pl_nope not found.' } },
    });
  });

  it('serves album artwork without credentials', async () => {
    const tracks = await allPages<Track>('/library/tracks');
    const withArt = tracks.find((track) => typeof track.artwork_url === 'string')!;
    const response = await fetch(withArt.artwork_url as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg /);
  });

  it('needs the library.read scope', async () => {
    const { accessToken } = sandbox().control.issueQueyeTokens({ scopes: ['stream'] });
    expect(await get('/library/tracks', accessToken)).toMatchObject({
      status: 403,
      body: {
        error: {
          code: 'insufficient_scope',
          message: 'This token lacks the "library.read" scope needed here.',
        },
      },
    });
  });
});
