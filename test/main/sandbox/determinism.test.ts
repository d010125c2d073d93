import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../support/sandbox.ts';
import {
  demoAccessToken,
  musiqueHeaders,
  queyeHeaders,
  withSandbox,
} from '../../support/sandbox.ts';

/** Raw answer bodies of every seeded listing, with this sandbox's origins blanked out. */
async function snapshot(sandbox: SandboxHandle): Promise<string[]> {
  const token = demoAccessToken(sandbox);
  const texts: string[] = [];
  const read = async (url: string, headers: Record<string, string>) => {
    const response = await fetch(url, { headers });
    expect(response.status).toBeLessThan(300);
    texts.push(
      (await response.text())
        .replaceAll(sandbox.queye.origin, 'QUEYE')
        .replaceAll(sandbox.musique.origin, 'MUSIQUE'),
    );
    return JSON.parse(texts.at(-1)!) as {
      items?: Array<{ id: string }>;
      next_cursor?: string | null;
    };
  };
  const q = queyeHeaders(sandbox, token);
  let cursor: string | null | undefined;
  do {
    const page = await read(
      `${sandbox.queye.baseUrl}/library/tracks?limit=150${cursor ? `&cursor=${cursor}` : ''}`,
      q,
    );
    cursor = page.next_cursor;
  } while (cursor);
  await read(`${sandbox.queye.baseUrl}/library/summary`, q);
  const albums = await read(`${sandbox.queye.baseUrl}/library/albums?limit=200`, q);
  await read(`${sandbox.queye.baseUrl}/library/albums/${albums.items![3]!.id}/tracks`, q);
  const playlists = await read(`${sandbox.queye.baseUrl}/library/playlists`, q);
  await read(`${sandbox.queye.baseUrl}/library/playlists/${playlists.items![0]!.id}/tracks`, q);
  await read(`${sandbox.musique.v1BaseUrl}/audio`, musiqueHeaders(sandbox));
  texts.push(JSON.stringify(sandbox.stores), JSON.stringify(sandbox.credentials));
  return texts;
}

describe('determinism', () => {
  it('gives byte-identical answers for the same seed, and different ones for another', async () => {
    const first = await withSandbox(snapshot, { seed: 42 });
    const second = await withSandbox(snapshot, { seed: 42 });
    const other = await withSandbox(snapshot, { seed: 43 });
    expect(first.length).toBeGreaterThan(5);
    expect(second).toEqual(first);
    first.forEach((text, i) => expect(other[i]).not.toBe(text));
  });

  it('keeps credentials when only the library size changes', async () => {
    const small = await withSandbox((sandbox) => Promise.resolve(sandbox.credentials), {
      seed: 5,
      tracks: 10,
    });
    const large = await withSandbox((sandbox) => Promise.resolve(sandbox.credentials), {
      seed: 5,
      tracks: 1000,
    });
    expect(large).toEqual(small);
  });

  it('serves the same audio bytes for the same track', async () => {
    const bytes = (sandbox: SandboxHandle) =>
      (async () => {
        const response = await fetch(`${sandbox.queye.baseUrl}/stream/token`, {
          method: 'POST',
          headers: {
            ...queyeHeaders(sandbox, demoAccessToken(sandbox)),
            'content-type': 'application/json',
          },
          body: JSON.stringify({ track_id: 17 }),
        });
        const { stream_url } = (await response.json()) as { stream_url: string };
        return Buffer.from(
          await (
            await fetch(stream_url, { headers: { range: 'bytes=100000-140000' } })
          ).arrayBuffer(),
        );
      })();
    const a = await withSandbox(bytes, { seed: 8 });
    const b = await withSandbox(bytes, { seed: 8 });
    expect(a.length).toBe(40_001);
    expect(a.equals(b)).toBe(true);
  });
});
