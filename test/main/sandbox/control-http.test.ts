import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fetchJson, mp3Fixture, musiqueHeaders, useSandbox } from '../../support/sandbox.ts';

const sandbox = useSandbox();
const control = (path: string, service: 'queye' | 'musique' = 'queye') =>
  `${service === 'queye' ? sandbox().queye.controlUrl : sandbox().musique.controlUrl}${path}`;
const post = (path: string, json: unknown = {}, service: 'queye' | 'musique' = 'queye') =>
  fetchJson(control(path, service), { json });

describe('control over HTTP', () => {
  it('describes the sandbox on both listeners', async () => {
    for (const service of ['queye', 'musique'] as const) {
      const { status, body } = await fetchJson(control('/state', service));
      expect(status).toBe(200);
      expect(body).toMatchObject({
        queye: { baseUrl: sandbox().queye.baseUrl },
        musique: { v1BaseUrl: sandbox().musique.v1BaseUrl },
        credentials: sandbox().credentials,
        stores: 1200,
        tracks: 320,
      });
    }
    const stores = await fetchJson<{ items: Array<{ externalId: string; timeZone: string }> }>(
      control('/stores'),
    );
    expect(stores.body.items).toHaveLength(1200);
    expect(stores.body.items[0]).toMatchObject({
      externalId: 'store_0001',
      timeZone: expect.any(String) as unknown,
    });
  });

  it('advances the clock, approves clients and injects faults', async () => {
    const before = sandbox().control.now();
    const advanced = await post('/clock/advance', { ms: 3_600_000 });
    expect((advanced.body.now as number) - before).toBeGreaterThanOrEqual(3_600_000);

    const exchange = () =>
      fetchJson<{ error?: { request_id: string } }>(`${sandbox().queye.baseUrl}/auth/exchange`, {
        headers: { 'x-queye-client-key': sandbox().credentials.queyeClientKey },
        json: { user_api_key: sandbox().credentials.queyeLockedUserKey },
      });
    const pending = await exchange();
    const approvals = await fetchJson<{ items: Array<{ requestId: string }> }>(
      control('/queye/approvals'),
    );
    expect(approvals.body.items.map((item) => item.requestId)).toContain(
      pending.body.error!.request_id,
    );
    expect(
      (await post('/queye/approve', { requestId: pending.body.error!.request_id }, 'musique'))
        .status,
    ).toBe(200);
    expect((await exchange()).status).toBe(200);
    expect((await post('/queye/approve', { requestId: 'apr_nope' })).status).toBe(400);

    const fault = await post('/faults', { kind: 'status', status: 500, path: '/v1/health' });
    expect(fault.body).toMatchObject({
      id: expect.stringMatching(/^flt_/) as unknown,
      kind: 'status',
    });
    expect((await fetch(`${sandbox().queye.baseUrl}/health`)).status).toBe(500);
    expect((await fetchJson<{ items: unknown[] }>(control('/faults'))).body.items).toHaveLength(1);
    await fetch(control(`/faults/${fault.body.id as string}`), { method: 'DELETE' });
    expect((await fetch(`${sandbox().queye.baseUrl}/health`)).status).toBe(200);
    expect((await post('/faults', { kind: 'status', status: 99 })).status).toBe(400);
  });

  it('sets Musique health, envelope, tokens and permissions', async () => {
    expect((await post('/musique/health', { messaging: 'down' })).body).toEqual({
      database: 'healthy',
      storage: 'healthy',
      messaging: 'down',
    });
    await post('/musique/health', { messaging: 'healthy' });
    await post('/musique/envelope', { enabled: true });
    expect(
      (await fetchJson(sandbox().musique.v1BaseUrl, { headers: musiqueHeaders(sandbox()) })).body,
    ).toHaveProperty('data');
    await post('/musique/envelope', { enabled: false });
    const issued = await post('/musique/tokens', {
      externalId: 'control_made',
      permissions: ['audio.read'],
    });
    expect(issued.body).toMatchObject({ externalId: 'control_made', permissions: ['audio.read'] });
    await post('/musique/permissions', {
      token: issued.body.token,
      permissions: ['audio.read', 'audio.write'],
    });
    const test = await fetchJson(`${sandbox().musique.origin}/api/integration/test`, {
      method: 'POST',
      headers: musiqueHeaders(sandbox(), issued.body.token as string),
    });
    expect(test.body.permissions).toEqual(['audio.read', 'audio.write']);
    await post('/tokens/revoke', { token: issued.body.token });
    expect(test.status).toBe(200);
    expect(
      (
        await fetchJson(`${sandbox().musique.origin}/api/integration/test`, {
          method: 'POST',
          headers: musiqueHeaders(sandbox(), issued.body.token as string),
        })
      ).status,
    ).toBe(401);
  });

  it('reads the ledger and the request log, and resets everything', async () => {
    const mp3 = await mp3Fixture({ seconds: 2, seed: 3 });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(mp3.bytes)]), 'x.mp3');
    const uploaded = await fetchJson<{ id: string }>(`${sandbox().musique.v1BaseUrl}/audio`, {
      method: 'POST',
      headers: musiqueHeaders(sandbox()),
      body: form,
    });
    await fetchJson(`${sandbox().musique.v1BaseUrl}/audio/${uploaded.body.id}/send`, {
      headers: musiqueHeaders(sandbox()),
      json: { externalIds: ['store_0001'] },
    });
    const ledger = await fetchJson<{ items: Array<{ audioId: string }>; duplicates: unknown[] }>(
      control('/ledger'),
    );
    expect(ledger.body.items.at(-1)).toMatchObject({
      audioId: uploaded.body.id,
      externalId: 'store_0001',
      delivered: true,
    });
    const requests = await fetchJson<{ items: Array<{ path: string; status: number }> }>(
      control('/requests?service=musique&path=/api/v1/integration/audio'),
    );
    expect(requests.body.items.at(-1)).toMatchObject({
      path: `/api/v1/integration/audio/${uploaded.body.id}/send`,
      status: 200,
    });
    expect(requests.body.items.some((item) => item.path.startsWith('/__control'))).toBe(false);
    const generated = await fetchJson<{ token: string }>(
      `${sandbox().musique.origin}/api/integration/auth`,
      {
        json: {
          externalId: 'before_reset',
          companyToken: sandbox().credentials.musiqueCompanyToken,
        },
      },
    );

    expect((await post('/reset')).body).toEqual({ reset: true });
    expect(
      (
        await fetchJson(`${sandbox().musique.v1BaseUrl}/audio/${uploaded.body.id}`, {
          headers: musiqueHeaders(sandbox()),
        })
      ).status,
    ).toBe(404);
    expect((await fetchJson<{ items: unknown[] }>(control('/ledger'))).body.items).toEqual([]);
    expect(
      (
        await fetchJson(`${sandbox().musique.origin}/api/integration/test`, {
          method: 'POST',
          headers: musiqueHeaders(sandbox(), generated.body.token),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetchJson(`${sandbox().musique.origin}/api/integration/test`, {
          method: 'POST',
          headers: musiqueHeaders(sandbox()),
        })
      ).status,
    ).toBe(200);
    expect(Math.abs(sandbox().control.now() - Date.now())).toBeLessThan(1000);
    await fetch(control('/requests'), { method: 'DELETE' });
    expect((await fetchJson<{ items: unknown[] }>(control('/requests'))).body.items).toEqual([]);
  });

  it('refuses form posts and foreign Host headers', async () => {
    const form = await fetch(control('/reset'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(control('/state'), { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect((await fetchJson(control('/nothing'))).status).toBe(404);
  });
});
