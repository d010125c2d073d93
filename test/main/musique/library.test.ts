import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../../src-preload/contract/schemas/musique.ts';
import { mp3Fixture, useSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';
import { stageFile } from './upload-helpers.ts';

const modes = [
  { profile: 'v1', envelope: false },
  { profile: 'v1', envelope: true },
  { profile: 'legacy', envelope: false },
  { profile: 'legacy', envelope: true },
] as const;

describe.each(modes)('library against the sandbox ($profile, envelope $envelope)', (mode) => {
  const sandbox = useSandbox({ envelope: mode.envelope });
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    h.useSandbox(sandbox(), mode.profile);
    await h.connect(sandbox());
  });
  afterAll(() => h?.close());

  it('connects with the token and reports who it is and what it may do', async () => {
    const account = await h.call('musique.account');
    expect(account).toMatchObject({
      status: 'connected',
      demo: false,
      externalId: sandbox().credentials.musiqueExternalId,
      environment: { name: 'test', kind: 'development' },
      profile: mode.profile,
    });
    expect(account.permissions.sort()).toEqual([
      'audio.delete',
      'audio.read',
      'audio.send',
      'audio.write',
    ]);
    expect(account.tokenHint).toMatch(/^demo_test_…[0-9a-f]{4}$/);
    expect(JSON.stringify(account)).not.toContain(sandbox().credentials.musiqueApiToken);
  });

  it('reads service info and health with its components', async () => {
    const status = await h.call('musique.serviceStatus');
    expect(status.info).toMatchObject({ name: 'Musique Partner API' });
    expect(status.info?.version).toMatch(/^\d+\.\d+/);
    expect(status.health?.status).toBe('healthy');
    expect(status.health?.components.map((c) => c.name).sort()).toEqual([
      'database',
      'messaging',
      'storage',
    ]);
  });

  it('pages the whole list from the API and caches it on disk', async () => {
    const expected = (await fetch(`${sandbox().musique.v1BaseUrl}/audio?limit=100`, {
      headers: { 'x-api-key': sandbox().credentials.musiqueApiToken },
    }).then((r) => r.json())) as { total: number; items?: unknown; data?: { total: number } };
    const total = expected.data?.total ?? expected.total;
    const snapshot = await h.call('musique.refreshLibrary');
    expect(snapshot.stale).toBe(false);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.items).toHaveLength(total);
    const first = snapshot.items[0]!;
    expect(first.id).toMatch(/\S/);
    expect(first).toMatchObject({ format: 'mp3' });
    expect(typeof first.stats.timesPlayed).toBe('number');
    const files = await readdir(join(h.dir, 'musique'));
    const cacheFile = files.find((name) => name.startsWith('library-'));
    expect(cacheFile).toBeDefined();
    const cached = JSON.parse(await readFile(join(h.dir, 'musique', cacheFile!), 'utf8')) as {
      version: number;
      items: unknown[];
    };
    expect(cached.version).toBe(1);
    expect(cached.items).toHaveLength(total);
  });

  it('gets one item with its stats', async () => {
    const { items } = await h.call('musique.library');
    const item = await h.call('musique.getAudio', { id: items[0]!.id });
    expect(item).toMatchObject({ id: items[0]!.id, name: items[0]!.name });
    expect(item.stats).toHaveProperty('totalRecipients');
  });

  it('uploads a real MP3 with progress, and the item appears in the list', async () => {
    const mp3 = await mp3Fixture({ seconds: 20, seed: 3 });
    const uploadId = await stageFile(h, 'Store opening.mp3', mp3.bytes);
    const check = await h.call('musique.uploadCheck', { uploadId });
    expect(check).toMatchObject({ ok: true, suggestedName: 'Store opening' });
    const before = h.events.length;
    const result = await h.call('musique.uploadStart', {
      uploadId,
      name: `Opening ${mode.profile} ${mode.envelope}`,
      description: 'Doors open at nine',
      category: 'announcement',
    });
    expect(result.phase).toBe('done');
    expect(result.item).toMatchObject({
      name: `Opening ${mode.profile} ${mode.envelope}`,
      size: mp3.bytes.length,
    });
    const progress = h.events
      .slice(before)
      .filter((e) => e.name === 'musique.uploadProgress')
      .map((e) => e.payload as UploadProgress);
    const sent = progress.filter((p) => p.phase === 'uploading').map((p) => p.sentBytes);
    expect(sent.length).toBeGreaterThan(1);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent.slice().sort((a, b) => a - b));
    expect(progress.at(-1)?.phase).toBe('done');
    const { items } = await h.call('musique.library');
    expect(items[0]?.id).toBe(result.item!.id);
    const upstream = await h.call('musique.refreshLibrary');
    expect(upstream.items.some((item) => item.id === result.item!.id)).toBe(true);
  });

  it('deletes an item, in the API and in the list', async () => {
    const { items } = await h.call('musique.library');
    const victim = items.find((item) => item.name.startsWith('Opening'))!;
    const after = await h.call('musique.deleteAudio', { id: victim.id });
    expect(after.items.some((item) => item.id === victim.id)).toBe(false);
    const gone = await fetch(`${sandbox().musique.v1BaseUrl}/audio/${victim.id}`, {
      headers: { 'x-api-key': sandbox().credentials.musiqueApiToken },
    });
    expect(gone.status).toBe(404);
  });

  it('counts the quota down from the rate-limit headers as calls are made', async () => {
    const before = (await h.call('musique.quota')).windows.minute?.remaining;
    await h.call('musique.serviceStatus');
    const after = await h.call('musique.quota');
    expect(before).toBeDefined();
    expect(after.windows.minute?.remaining).toBeLessThan(before!);
    expect(after.windows.minute?.limit).toBe(100);
    if (mode.profile === 'legacy') {
      // The legacy limits endpoint gives all three windows exactly.
      expect(after.windows.hour).toMatchObject({ limit: 1000, exact: true });
      expect(after.windows.day).toMatchObject({ limit: 10_000, exact: true });
    }
  });

  it.runIf(mode.profile === 'legacy')('reads the usage log, filtered', async () => {
    const all = await h.call('musique.usageLog', { limit: 5 });
    expect(all.items).toHaveLength(5);
    expect(all.total).toBeGreaterThan(5);
    expect(all.nextCursor).toBe('2');
    const deletes = await h.call('musique.usageLog', { method: 'DELETE' });
    expect(deletes.items.length).toBeGreaterThan(0);
    expect(deletes.items.every((entry) => entry.method === 'DELETE')).toBe(true);
    const posts = await h.call('musique.usageLog', { method: 'POST', statusClass: '2xx' });
    expect(posts.items.every((e) => e.method === 'POST' && e.status >= 200 && e.status < 300)).toBe(
      true,
    );
  });

  it.runIf(mode.profile === 'legacy')('filters the usage log by endpoint and date', async () => {
    const audioCalls = await h.call('musique.usageLog', { endpoint: '/api/audio' });
    expect(audioCalls.items.length).toBeGreaterThan(0);
    expect(audioCalls.items.every((entry) => entry.endpoint.startsWith('/api/audio'))).toBe(true);
    const everything = await h.call('musique.usageLog', {});
    expect(everything.items.some((entry) => !entry.endpoint.startsWith('/api/audio'))).toBe(true);

    const day = 86_400_000;
    const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const now = sandbox().control.now();
    // Every call so far happened within the last two days (one more: the listing just made).
    const recent = await h.call('musique.usageLog', {
      startDate: isoDay(now - day),
      endDate: isoDay(now),
    });
    expect(recent.total).toBe(everything.total! + 1);
    const tomorrow = await h.call('musique.usageLog', { startDate: isoDay(now + day) });
    expect(tomorrow).toMatchObject({ items: [], total: 0 });
    const before = await h.call('musique.usageLog', { endDate: isoDay(now - 2 * day) });
    expect(before).toMatchObject({ items: [], total: 0 });
  });

  it.runIf(mode.profile === 'v1')(
    'explains that the usage log needs the legacy profile',
    async () => {
      const error = await h.fail('musique.usageLog', {});
      expect(error.code).toBe('logs_unavailable');
      expect(error.action).toMatch(/legacy/);
    },
  );
});
