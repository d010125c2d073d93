import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox, withSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';

describe('faults while reading the library', () => {
  const sandbox = useSandbox();
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    h.useSandbox(sandbox());
    await h.connect(sandbox());
  });
  afterAll(() => h?.close());
  afterEach(() => {
    sandbox().control.clearFaults();
    sandbox().control.setHealth({ database: 'healthy', storage: 'healthy', messaging: 'healthy' });
  });

  it('keeps the last known list through 5xx answers and says what happened', async () => {
    const good = await h.call('musique.refreshLibrary');
    expect(good.items.length).toBeGreaterThan(0);
    sandbox().control.addFault({
      kind: 'status',
      status: 500,
      method: 'GET',
      path: '/api/v1/integration/audio',
    });
    const failed = await h.call('musique.refreshLibrary');
    expect(failed.items).toEqual(good.items);
    expect(failed).toMatchObject({ stale: true, refreshing: false, fetchedAt: good.fetchedAt });
    expect(failed.error).toMatchObject({ status: 500, service: 'musique' });
    expect(failed.error?.message).toMatch(/problem on its side/);
    expect(failed.error?.requestId).toMatch(/\S/);
    expect(h.context.connection.status().musique.state).toBe('degraded');
    sandbox().control.clearFaults();
    const back = await h.call('musique.refreshLibrary');
    expect(back.stale).toBe(false);
    expect(h.context.connection.status().musique.state).toBe('online');
  });

  it('reads past a malformed answer by asking again', async () => {
    sandbox().control.addFault({
      kind: 'malformedJson',
      method: 'GET',
      path: '/api/v1/integration/audio',
      times: 1,
    });
    const snapshot = await h.call('musique.refreshLibrary');
    expect(snapshot.error).toBeUndefined();
  });

  it('explains degraded and down health, component by component', async () => {
    sandbox().control.setHealth({ messaging: 'degraded' });
    const degraded = await h.call('musique.serviceStatus');
    expect(degraded.health?.status).toBe('degraded');
    expect(degraded.health?.components).toContainEqual({ name: 'messaging', status: 'degraded' });
    const degradedState = h.context.connection.status().musique;
    expect(degradedState.state).toBe('degraded');
    expect(degradedState.detail).toContain('messaging degraded');
    sandbox().control.setHealth({ database: 'down' });
    const down = await h.call('musique.serviceStatus');
    expect(down.health?.status).toBe('down');
    const downState = h.context.connection.status().musique;
    expect(downState.state).toBe('error');
    expect(downState.detail).toContain('database down');
  });

  it('explains the 409 of an item with pending scheduled sends', async () => {
    const { items } = await h.call('musique.library');
    const target = items[0]!;
    const send = await fetch(`${sandbox().musique.v1BaseUrl}/audio/${target.id}/send`, {
      method: 'POST',
      headers: {
        'x-api-key': sandbox().credentials.musiqueApiToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        externalIds: [sandbox().stores[0]!.externalId],
        scheduleAt: new Date(sandbox().control.now() + 86_400_000).toISOString(),
      }),
    });
    expect(send.status).toBeLessThan(300);
    const error = await h.fail('musique.deleteAudio', { id: target.id });
    expect(error).toMatchObject({ code: 'audio_has_pending_sends', status: 409 });
    expect(error.message).toMatch(/scheduled sends/);
    expect(error.action).toMatch(/once those sends have played/);
    expect((await h.call('musique.library')).items.some((item) => item.id === target.id)).toBe(
      true,
    );
  });
});

describe('offline', () => {
  it('shows the cached list when Musique cannot be reached', async () => {
    const h = await createHarness();
    try {
      let count = 0;
      await withSandbox(async (sandbox) => {
        h.useSandbox(sandbox);
        await h.connect(sandbox);
        count = (await h.call('musique.refreshLibrary')).items.length;
      });
      // The sandbox is gone: restart the app on the same profile.
      const again = await createHarness({ userDataDir: h.dir });
      try {
        await expect
          .poll(async () => (await again.call('musique.library')).items.length)
          .toBe(count);
        const snapshot = await again.call('musique.refreshLibrary');
        expect(snapshot).toMatchObject({ stale: true });
        expect(snapshot.items).toHaveLength(count);
        expect(snapshot.error?.code).toBe('network_error');
        expect(again.context.connection.status().musique.state).toBe('offline');
        expect((await again.call('musique.account')).status).toBe('connected');
      } finally {
        await again.close();
      }
    } finally {
      await h.close();
    }
  });
});
