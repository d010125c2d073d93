import { describe, expect, it } from 'vitest';
import { fetchJson, musiqueHeaders, useSandbox, withSandbox } from '../../support/sandbox.ts';

type LogPage = {
  items: Array<Record<string, unknown>>;
  page: number;
  limit: number;
  total: number;
};

const sandbox = useSandbox();
const get = <T = Record<string, unknown>>(url: string, token?: string) =>
  fetchJson<T>(url, { headers: musiqueHeaders(sandbox(), token) });

describe('info and health', () => {
  it('answers info on both profiles', async () => {
    const expected = {
      name: 'Musique Partner API',
      version: '1.4.2',
      docs: 'https://docs.musique.app',
    };
    expect((await get(sandbox().musique.v1BaseUrl)).body).toEqual(expected);
    expect((await get(`${sandbox().musique.origin}/api/integration`)).body).toEqual(expected);
  });

  it('reports settable component health, 503 when down, and refuses work that needs it', async () => {
    const health = `${sandbox().musique.origin}/api/integration/health`;
    sandbox().control.setHealth({ messaging: 'degraded' });
    expect(await get(health)).toMatchObject({
      status: 200,
      body: { status: 'degraded', services: { messaging: 'degraded' } },
    });
    sandbox().control.setHealth({ messaging: 'down' });
    expect(await get(`${sandbox().musique.v1BaseUrl}/health`)).toMatchObject({
      status: 503,
      body: {
        status: 'down',
        services: { database: 'healthy', storage: 'healthy', messaging: 'down' },
      },
    });
    const [audio] = (await get(`${sandbox().musique.v1BaseUrl}/audio`)).body.items as Array<{
      id: string;
    }>;
    const send = await fetchJson(`${sandbox().musique.v1BaseUrl}/audio/${audio!.id}/send`, {
      headers: musiqueHeaders(sandbox()),
      json: { externalIds: [sandbox().stores[0]!.externalId] },
    });
    expect(send).toMatchObject({
      status: 503,
      body: {
        error: {
          code: 'service_unavailable',
          message: 'The Musique messaging is unavailable; try again later.',
          type: 'api_error',
        },
      },
    });
    expect(sandbox().control.ledger()).toEqual([]);
    sandbox().control.setHealth({ messaging: 'healthy', database: 'down' });
    expect((await get(`${sandbox().musique.v1BaseUrl}/audio`)).status).toBe(503);
    expect((await get(health)).status).toBe(503);
    sandbox().control.setHealth({ database: 'healthy' });
    expect((await get(health)).body.status).toBe('healthy');
    expect(() => sandbox().control.setHealth({ storage: 'on fire' as never })).toThrow(
      /Bad health setting/,
    );
  });

  it('puts X-Request-Id on every answer, unknown routes and methods included', async () => {
    const unknown = await get(`${sandbox().musique.origin}/api/v1/integration/nothing`);
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', type: 'not_found_error' } },
    });
    expect(unknown.headers.get('x-request-id')).toMatch(/^req_/);
    const wrongMethod = await fetchJson(`${sandbox().musique.origin}/api/integration/auth`, {
      method: 'GET',
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('DELETE, POST');
    expect(wrongMethod.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('envelope', () => {
  it('wraps successes as {data, timestamp} when asked, never errors', async () => {
    await withSandbox(
      async (wrapped) => {
        const info = await fetchJson(`${wrapped.musique.v1BaseUrl}`, {
          headers: musiqueHeaders(wrapped),
        });
        expect(info.body).toEqual({
          data: { name: 'Musique Partner API', version: '1.4.2', docs: 'https://docs.musique.app' },
          timestamp: expect.any(String) as unknown,
        });
        const missing = await fetchJson(`${wrapped.musique.v1BaseUrl}/audio/nope`, {
          headers: musiqueHeaders(wrapped),
        });
        expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
        wrapped.control.setEnvelope(false);
        expect(
          (await fetchJson(`${wrapped.musique.v1BaseUrl}`, { headers: musiqueHeaders(wrapped) }))
            .body,
        ).not.toHaveProperty('data');
      },
      { envelope: true },
    );
  });
});

describe('legacy usage logs and limits', () => {
  it('logs every authenticated call, newest first, with filters', async () => {
    const { token } = sandbox().control.issueMusiqueToken({ externalId: 'logger' });
    const v1 = sandbox().musique.v1BaseUrl;
    await get(`${v1}/audio`, token);
    await get(`${v1}/audio/missing`, token);
    await fetchJson(`${v1}/audio/missing/send`, {
      headers: musiqueHeaders(sandbox(), token),
      json: {},
    });
    const logs = `${sandbox().musique.origin}/api/integration/logs`;
    const all = await get<LogPage>(logs, token);
    expect(all.body).toMatchObject({ page: 1, limit: 50, total: 3 });
    expect(all.body.items.map((item) => [item.method, item.endpoint, item.status])).toEqual([
      ['POST', '/api/v1/integration/audio/missing/send', 404],
      ['GET', '/api/v1/integration/audio/missing', 404],
      ['GET', '/api/v1/integration/audio', 200],
    ]);
    expect(all.body.items[0]).toEqual({
      timestamp: expect.any(String) as unknown,
      method: 'POST',
      endpoint: '/api/v1/integration/audio/missing/send',
      status: 404,
      durationMs: expect.any(Number) as unknown,
      requestId: expect.stringMatching(/^req_/) as unknown,
    });
    const filtered = async (query: string) => (await get<LogPage>(`${logs}?${query}`, token)).body;
    expect((await filtered('method=post')).total).toBe(1);
    expect((await filtered('status=404')).total).toBe(2);
    // The logs call just made is there too now.
    expect((await filtered('endpoint=/api/integration/logs')).total).toBe(3);
    expect((await filtered('limit=1&page=2')).items).toHaveLength(1);
    expect((await filtered('startDate=2099-01-01')).total).toBe(0);
    const today = new Date(sandbox().control.now()).toISOString().slice(0, 10);
    expect((await filtered(`endDate=${today}&endpoint=/api/v1`)).total).toBe(3);
    for (const bad of [
      'limit=201',
      'page=0',
      'startDate=soon',
      'method=FETCH',
      'status=abc',
      'startDate=2026-02-01&endDate=2026-01-01',
    ]) {
      expect((await get(`${logs}?${bad}`, token)).status).toBe(400);
    }
    sandbox().control.advance(31 * 86_400_000);
    expect((await filtered('endpoint=/api/v1')).total).toBe(0);
  });

  it('reports limits, usage, remaining and resets per window', async () => {
    const { token } = sandbox().control.issueMusiqueToken({ externalId: 'quota' });
    await get(`${sandbox().musique.v1BaseUrl}/audio`, token);
    const { body } = await get(`${sandbox().musique.origin}/api/integration/limits`, token);
    expect(body).toEqual({
      limits: { perMinute: 100, perHour: 1000, perDay: 10000 },
      usage: { perMinute: 2, perHour: 2, perDay: 2 },
      remaining: { perMinute: 98, perHour: 998, perDay: 9998 },
      resetAt: {
        perMinute: expect.any(String) as unknown,
        perHour: expect.any(String) as unknown,
        perDay: expect.any(String) as unknown,
      },
    });
    const reset = body.resetAt as Record<string, string>;
    expect(Date.parse(reset.perMinute!) % 60_000).toBe(0);
    expect(Date.parse(reset.perDay!) % 86_400_000).toBe(0);
  });
});
