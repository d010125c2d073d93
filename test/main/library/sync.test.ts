import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../src-preload/contract/schemas/library.ts';
import { createKeyedSecretBox } from '../../../src-main/services/vault/secret-box.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { startHarness, type Harness } from '../queye/support/harness.ts';
import { connectDemo, rowsOf, synced, trackRequests } from './support/library.ts';

const sandbox = useSandbox({ tracks: 2000, playlists: 6 });
const osBox = () => createKeyedSecretBox(Buffer.alloc(32, 4), 'os');
let harness: Harness | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  sandbox().control.clearFaults();
});

const cacheFiles = async (dir: string) =>
  (await readdir(join(dir, 'library')).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.json'),
  );

describe('full sync', () => {
  it('pages through every track at limit=200 with progress, and fetches albums and playlists', async () => {
    harness = await startHarness({ secretBox: osBox() });
    const before = trackRequests(sandbox()).length;
    await connectDemo(harness, sandbox());
    await synced(harness);

    const pages = trackRequests(sandbox()).slice(before);
    expect(pages).toHaveLength(10);
    expect(pages.every((page) => new URLSearchParams(page.query).get('limit') === '200')).toBe(
      true,
    );
    expect(new URLSearchParams(pages[0]!.query).has('cursor')).toBe(false);
    expect(pages.slice(1).every((page) => new URLSearchParams(page.query).has('cursor'))).toBe(
      true,
    );

    const snapshot = harness.library!.service.snapshot();
    const expected = sandbox().control.tracks();
    const rows = rowsOf(snapshot);
    expect(rows.map((row) => row.id)).toEqual(expected.map((track) => track.id));
    expect(rows.map((row) => row.title)).toEqual(expected.map((track) => track.title));
    expect(snapshot!.albums).toHaveLength(250);
    expect(snapshot!.summary).toMatchObject({ trackCount: 2000, albumCount: 250 });
    expect(snapshot!.playlists).toHaveLength(6);
    const withTracks = snapshot!.playlists.filter((playlist) => playlist.trackCount > 0);
    expect(withTracks.length).toBeGreaterThan(0);
    for (const playlist of snapshot!.playlists)
      expect(playlist.trackIds).toHaveLength(playlist.trackCount);

    const progress = harness.events
      .filter((event) => event.name === 'library.progress')
      .map((event) => event.payload as SyncProgress);
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.some((p) => p.total === 2000)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ kind: 'full', done: 2000 });
    expect(harness.library!.service.status()).toMatchObject({
      state: 'ready',
      trackCount: 2000,
      synced: true,
      resumable: false,
    });
    expect(await cacheFiles(harness.dir)).toHaveLength(1);
  });
});

describe('incremental sync', () => {
  it('costs one request when nothing is new, and fetches only what was added', async () => {
    harness = await startHarness({ secretBox: osBox() });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const newest = sandbox().control.tracks().at(-1)!.uploaded_at as string;

    const before = sandbox().control.requests({ service: 'queye' }).length;
    await harness.library!.service.sync();
    const calls = sandbox().control.requests({ service: 'queye' }).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1/library/tracks');
    expect(new URLSearchParams(calls[0]!.query).get('uploaded_after')).toBe(newest);
    const revision = harness.library!.service.status().revision;

    const added = sandbox().control.addTracks(5);
    await harness.library!.service.sync();
    const snapshot = harness.library!.service.snapshot()!;
    expect(snapshot.tracks.count).toBe(2005);
    expect(
      rowsOf(snapshot)
        .slice(-5)
        .map((row) => row.id),
    ).toEqual(added.map((t) => t.id));
    expect(snapshot.albums.some((album) => album.id === added[0]!.album_id)).toBe(true);
    expect(snapshot.summary?.trackCount).toBe(2005);
    expect(harness.library!.service.status().revision).toBeGreaterThan(revision);

    // The saved cache has the new tracks too (written just after the sync).
    await harness.library!.service.persisted();
    const file = (await cacheFiles(harness.dir))[0]!;
    const cached = JSON.parse(await readFile(join(harness.dir, 'library', file), 'utf8')) as {
      tracks: { count: number };
      version: number;
    };
    expect(cached).toMatchObject({ version: 1, tracks: { count: 2005 } });
  });
});

describe('the cache', () => {
  it('opens the library at start-up without the network', async () => {
    harness = await startHarness({ secretBox: osBox() });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const count = harness.library!.service.snapshot()!.tracks.count;
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });

    const offline: typeof fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    harness = await startHarness({ dir, secretBox: osBox(), fetch: offline });
    expect(harness.library!.service.status()).toMatchObject({ state: 'ready', trackCount: count });
    expect(harness.library!.service.snapshot()!.tracks.count).toBe(count);
    await expect.poll(() => harness!.library!.service.status().blocked).toBe('offline');
    expect(harness.library!.service.status().lastError).toMatchObject({ code: 'network_error' });
  });

  it('sets aside a corrupt (reported) or old-version (quietly) cache, and syncs afresh', async () => {
    harness = await startHarness({ secretBox: osBox() });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });
    const file = join(dir, 'library', (await cacheFiles(dir))[0]!);
    const good = await readFile(file, 'utf8');

    for (const broken of [
      good.slice(0, good.length / 2),
      good.replace('"version":1', '"version":0'),
    ]) {
      await writeFile(file, broken);
      const before = trackRequests(sandbox()).length;
      harness = await startHarness({ dir, secretBox: osBox() });
      await synced(harness);
      expect(
        harness.logs.some(
          (line) =>
            line.includes('a damaged data file was moved aside') ||
            line.includes('discarded a library file of another version'),
        ),
      ).toBe(true);
      const total = sandbox().control.tracks().length;
      expect(harness.library!.service.snapshot()!.tracks.count).toBe(total);
      expect(trackRequests(sandbox()).length - before).toBe(Math.ceil(total / 200));
      await harness.close({ keepDir: true });
    }
    harness = undefined;
  });

  it('keeps the library through an involuntary sign-out and closes it on a chosen one', async () => {
    harness = await startHarness({ secretBox: osBox() });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const refresh = (await harness.context.vault.get('queye.refreshToken'))!;
    sandbox().control.revokeToken(refresh);
    await harness.clock.advance(3_600_000);
    await harness.library!.service.sync();
    expect((await harness.value('queye.status')).state).toBe('signed-out');
    expect(harness.library!.service.status()).toMatchObject({
      state: 'ready',
      trackCount: sandbox().control.tracks().length,
      blocked: 'signed-out',
    });
    await harness.value('queye.reconnect');
    await harness.value('queye.signOut');
    expect(harness.library!.service.status().state).toBe('none');
    expect(harness.library!.service.snapshot()).toBeNull();
    expect(await cacheFiles(harness.dir)).toHaveLength(1);
  });

  it('keeps a demo session’s library apart from the saved account’s', async () => {
    harness = await startHarness({ secretBox: osBox() });
    await connectDemo(harness, sandbox());
    await synced(harness);
    const real = harness.library!.service.active()!.account.key;
    await harness.queye.useTemporaryCredentials({
      clientKey: sandbox().credentials.queyeClientKey,
      userKey: sandbox().credentials.queyeUserKey,
      baseUrl: sandbox().queye.baseUrl,
    });
    expect((await harness.value('queye.status')).demo).toBe(true);
    await synced(harness);
    const demoKey = harness.library!.service.active()!.account.key;
    expect(demoKey).not.toBe(real);
    expect(demoKey).toMatch(/^demo-/);
    expect(await cacheFiles(harness.dir)).toHaveLength(2);
    // Nothing of the demo reached the vault or the settings.
    expect(harness.context.settings.get().queye.baseUrl).toBe(sandbox().queye.baseUrl);
    await harness.queye.clearTemporaryCredentials();
    expect(await harness.value('queye.status')).toMatchObject({ state: 'signed-in', demo: false });
    expect(harness.library!.service.active()!.account.key).toBe(real);
    expect(existsSync(join(harness.dir, 'queye', 'account.json'))).toBe(true);
  });
});
