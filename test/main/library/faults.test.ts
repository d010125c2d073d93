import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyedSecretBox } from '../../../src-main/services/vault/secret-box.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { startHarness, type Harness } from '../queye/support/harness.ts';
import { connectDemo, idle, rowsOf, synced, trackRequests } from './support/library.ts';

const sandbox = useSandbox({ tracks: 2000, playlists: 4 });
const osBox = () => createKeyedSecretBox(Buffer.alloc(32, 6), 'os');
let harness: Harness | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  sandbox().control.clearFaults();
});

const tracksPath = '/v1/library/tracks';
const expectedIds = () =>
  sandbox()
    .control.tracks()
    .map((track) => track.id);
const checkpointOf = async (dir: string) =>
  (await readdir(join(dir, 'library'))).find((name) => name.endsWith('.partial.json'));

describe('faults during a full sync', () => {
  it('retries a failing page, then surfaces it and resumes from the checkpoint', async () => {
    harness = await startHarness({ secretBox: osBox() });
    // Page 5 fails on every attempt (three): the sync stops there with a worded error.
    sandbox().control.addFault({
      service: 'queye',
      path: tracksPath,
      kind: 'status',
      status: 503,
      skip: 4,
      times: 3,
    });
    const before = trackRequests(sandbox()).length;
    await connectDemo(harness, sandbox());
    await expect.poll(() => harness!.library!.service.status().lastError).toBeDefined();
    await idle(harness);
    expect(harness.library!.service.status()).toMatchObject({
      resumable: true,
      synced: false,
      lastError: {
        code: 'service_unavailable',
        status: 503,
        message: expect.stringContaining('Queye Music had a problem') as unknown,
        requestId: expect.stringMatching(/.+/) as unknown,
      },
    });
    expect(trackRequests(sandbox()).length - before).toBe(4 + 3);
    expect(await checkpointOf(harness.dir)).toBeDefined();

    // "Sync now": continues with page 5, not from the start.
    const resumedFrom = trackRequests(sandbox()).length;
    await harness.library!.service.sync();
    const resumed = trackRequests(sandbox()).slice(resumedFrom);
    expect(resumed).toHaveLength(Math.ceil(expectedIds().length / 200) - 4);
    expect(new URLSearchParams(resumed[0]!.query).has('cursor')).toBe(true);
    expect(rowsOf(harness.library!.service.snapshot()).map((row) => row.id)).toEqual(expectedIds());
    expect(harness.library!.service.status()).toMatchObject({ resumable: false, synced: true });
    expect(harness.library!.service.status().lastError).toBeUndefined();
    await harness.library!.service.persisted();
    expect(await checkpointOf(harness.dir)).toBeUndefined();
  });

  it('resumes an interrupted sync after a restart from the checkpoint on disk', async () => {
    harness = await startHarness({ secretBox: osBox() });
    sandbox().control.addFault({
      service: 'queye',
      path: tracksPath,
      kind: 'status',
      status: 500,
      skip: 6,
      times: 3,
    });
    await connectDemo(harness, sandbox());
    await expect.poll(() => harness!.library!.service.status().resumable).toBe(true);
    await idle(harness);
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });

    const before = trackRequests(sandbox()).length;
    harness = await startHarness({ dir, secretBox: osBox() });
    await synced(harness);
    const pages = trackRequests(sandbox()).slice(before);
    expect(pages).toHaveLength(Math.ceil(expectedIds().length / 200) - 6);
    expect(rowsOf(harness.library!.service.snapshot()).map((row) => row.id)).toEqual(expectedIds());
  });

  it('recovers on its own from a connection reset mid-page and a malformed page', async () => {
    harness = await startHarness({ secretBox: osBox() });
    sandbox().control.addFault({
      service: 'queye',
      path: tracksPath,
      kind: 'reset',
      afterBytes: 300,
      skip: 2,
      times: 1,
    });
    sandbox().control.addFault({
      service: 'queye',
      path: tracksPath,
      kind: 'malformedJson',
      skip: 5,
      times: 1,
    });
    const before = trackRequests(sandbox()).length;
    await connectDemo(harness, sandbox());
    await synced(harness);
    expect(harness.library!.service.status().lastError).toBeUndefined();
    expect(rowsOf(harness.library!.service.snapshot()).map((row) => row.id)).toEqual(expectedIds());
    const faulted = trackRequests(sandbox())
      .slice(before)
      .filter((entry) => entry.fault);
    expect(faulted.map((entry) => entry.fault).sort()).toEqual(['malformedJson', 'reset']);
  });

  it('surfaces a page that stays malformed, and never loses the saved library', async () => {
    harness = await startHarness({ secretBox: osBox() });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const cacheFile = join(
      harness.dir,
      'library',
      (await readdir(join(harness.dir, 'library')))[0]!,
    );
    const saved = await readFile(cacheFile, 'utf8');
    sandbox().control.addFault({
      service: 'queye',
      path: tracksPath,
      kind: 'malformedJson',
      skip: 1,
    });
    await harness.library!.service.sync('full');
    expect(harness.library!.service.status()).toMatchObject({
      lastError: { code: 'malformed_response' },
      trackCount: expectedIds().length,
      state: 'ready',
    });
    expect(harness.library!.service.snapshot()!.tracks.count).toBe(expectedIds().length);
    expect(await readFile(cacheFile, 'utf8')).toBe(saved);
  });

  it('stops on cancel, keeps the old library, and continues later', async () => {
    harness = await startHarness({ secretBox: osBox() });
    sandbox().control.addFault({ service: 'queye', path: tracksPath, kind: 'delay', ms: 40 });
    await connectDemo(harness, sandbox());
    await expect
      .poll(() => harness!.library!.service.status().syncing?.done ?? 0)
      .toBeGreaterThanOrEqual(600);
    const cancelled = await harness.value('library.cancelSync');
    expect(cancelled.state).toBe('ready');
    await idle(harness);
    const status = harness.library!.service.status();
    expect(status).toMatchObject({ resumable: true, synced: false });
    expect(status.lastError).toBeUndefined();
    expect(status.syncing).toBeUndefined();
    expect(existsSync(join(harness.dir, 'library'))).toBe(true);
    sandbox().control.clearFaults();
    await harness.value('library.sync');
    await synced(harness);
    expect(harness.library!.service.snapshot()!.tracks.count).toBe(expectedIds().length);
  });
});

describe('tracks Queye sends without a usable ID', () => {
  it('leaves them out with one log line and keeps every other track', async () => {
    const broken = (id: number) => id % 97 === 0;
    const idless: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : input.toString());
      if (!response.ok || !url.pathname.endsWith('/library/tracks')) return response;
      const body = (await response.json()) as { items: Array<Record<string, unknown>> };
      const items = body.items.map((item) =>
        broken(Number(item.id)) ? { ...item, id: null } : item,
      );
      return new Response(JSON.stringify({ ...body, items }), {
        status: response.status,
        headers: response.headers,
      });
    };
    harness = await startHarness({ secretBox: osBox(), fetch: idless });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const snapshot = harness.library!.service.snapshot()!;
    // A playlist's own copy of a track still brings it in.
    const inPlaylists = new Set(snapshot.playlists.flatMap((playlist) => playlist.trackIds));
    const ids = rowsOf(snapshot).map((row) => row.id);
    const all = expectedIds() as number[];
    const expected = all.filter((id) => !broken(id) || inPlaylists.has(id));
    expect([...ids].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    const dropped = all.filter(broken).length;
    const lines = harness.logs.filter((line) => line.includes('had no usable ID'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ skipped: dropped });
    expect(harness.library!.service.status().lastError).toBeUndefined();
  });
});

describe('answers in other shapes', () => {
  it('reads bare arrays, other list keys and tracks missing optional fields', async () => {
    // Rewrites Queye's answers into the other shapes API.md says a server may use.
    const reshaping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : input.toString());
      if (!response.ok || !url.pathname.includes('/library/')) return response;
      const body = (await response.json()) as {
        items?: Array<Record<string, unknown>>;
        next_cursor?: string;
      };
      let reshaped: unknown = body;
      if (url.pathname.endsWith('/library/tracks')) {
        const items = body.items!.map(({ id, title, uploaded_at }) => ({
          id: String(id),
          title,
          uploaded_at,
        }));
        reshaped = { tracks: items, nextCursor: body.next_cursor ?? null };
      } else if (url.pathname.endsWith('/library/albums')) {
        reshaped = { data: body.items, next_cursor: body.next_cursor };
      } else if (url.pathname.endsWith('/library/playlists')) {
        reshaped = body.items;
      }
      return new Response(JSON.stringify(reshaped), {
        status: response.status,
        headers: response.headers,
      });
    };
    harness = await startHarness({ secretBox: osBox(), fetch: reshaping });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const snapshot = harness.library!.service.snapshot()!;
    expect(rowsOf(snapshot).map((row) => row.id)).toEqual(expectedIds());
    expect(rowsOf(snapshot)[0]).toMatchObject({ duration: 0, albumId: '' });
    expect(snapshot.albums.length).toBeGreaterThan(0);
    expect(snapshot.playlists.length).toBe(4);
  });
});
