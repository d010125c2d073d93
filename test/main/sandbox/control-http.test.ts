import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  fetchJson,
  mp3Fixture,
  musiqueHeaders,
  queyeHeaders,
  useSandbox,
} from '../../support/sandbox.ts';

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

  it('expires a token', async () => {
    const { accessToken } = sandbox().control.issueQueyeTokens();
    const summary = () =>
      fetchJson<{ error?: { code: string } }>(`${sandbox().queye.baseUrl}/library/summary`, {
        headers: queyeHeaders(sandbox(), accessToken),
      });
    expect((await summary()).status).toBe(200);
    expect((await post('/tokens/expire', { token: accessToken })).body).toEqual({ expired: true });
    const expired = await summary();
    expect(expired.status).toBe(401);
    expect(expired.body.error?.code).toBe('invalid_access_token');
    expect((await post('/tokens/expire', {})).status).toBe(400);
  });

  it('takes every kind of fault, and each one does what it says', async () => {
    const health = `${sandbox().musique.v1BaseUrl}/health`;
    const once = (spec: Record<string, unknown>) =>
      post('/faults', {
        service: 'musique',
        path: '/api/v1/integration/health',
        times: 1,
        ...spec,
      });
    const headers = musiqueHeaders(sandbox());

    expect((await once({ kind: 'status', status: 503, code: 'maintenance' })).status).toBe(200);
    const failed = await fetchJson<{ error: { code: string } }>(health, { headers });
    expect([failed.status, failed.body.error.code]).toEqual([503, 'maintenance']);

    await once({ kind: 'rateLimitStorm', retryAfterSec: 3 });
    const stormed = await fetch(health, { headers });
    expect([stormed.status, stormed.headers.get('retry-after')]).toEqual([429, '3']);

    await once({ kind: 'malformedJson' });
    const broken = await (await fetch(health, { headers })).text();
    expect(() => JSON.parse(broken) as unknown).toThrow(SyntaxError);

    await once({ kind: 'reset', afterBytes: 5 });
    await expect(fetch(health, { headers }).then((r) => r.text())).rejects.toThrow();

    await once({ kind: 'slowBody', bytesPerSec: 50_000 });
    expect((await fetch(health, { headers })).status).toBe(200);

    await once({ kind: 'delay', ms: 20 });
    expect((await fetch(health, { headers })).status).toBe(200);

    const kinds = sandbox()
      .control.requests({ service: 'musique', pathPrefix: '/api/v1/integration/health' })
      .slice(-6)
      .map((entry) => entry.fault);
    expect(kinds).toEqual([
      'status',
      'rateLimitStorm',
      'malformedJson',
      'reset',
      'slowBody',
      'delay',
    ]);
    expect((await fetchJson<{ items: unknown[] }>(control('/faults'))).body.items).toEqual([]);

    for (const bad of [{ kind: 'slowBody' }, { kind: 'meteor' }, { kind: 'delay', path: 'x' }]) {
      expect((await post('/faults', bad)).status).toBe(400);
    }
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
