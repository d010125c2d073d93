import { describe, expect, it } from 'vitest';
import {
  demoAccessToken,
  fetchJson,
  musiqueHeaders,
  queyeHeaders,
  useSandbox,
  withSandbox,
} from '../../support/sandbox.ts';

const sandbox = useSandbox();
const tracksUrl = () => `${sandbox().queye.baseUrl}/library/tracks?limit=5`;
const queye = () => ({ headers: queyeHeaders(sandbox(), demoAccessToken(sandbox())) });

async function streamUrl(trackId = 1): Promise<string> {
  const { body } = await fetchJson<{ stream_url: string }>(
    `${sandbox().queye.baseUrl}/stream/token`,
    {
      headers: queyeHeaders(sandbox(), demoAccessToken(sandbox())),
      json: { track_id: trackId },
    },
  );
  return body.stream_url;
}

describe('fault injection', () => {
  it('answers injected statuses in the service envelope, a set number of times', async () => {
    const fault = sandbox().control.addFault({
      kind: 'status',
      status: 503,
      service: 'queye',
      path: '/v1/library/tracks',
      times: 2,
    });
    expect(sandbox().control.faults()).toContainEqual(
      expect.objectContaining({ id: fault.id, applied: 0 }),
    );
    for (let i = 0; i < 2; i++) {
      const { status, body, headers } = await fetchJson(tracksUrl(), queye());
      expect({ status, body }).toEqual({
        status: 503,
        body: { error: { code: 'service_unavailable', message: 'Injected fault: HTTP 503.' } },
      });
      expect(headers.get('x-request-id')).toMatch(/^req_/);
    }
    expect((await fetchJson(tracksUrl(), queye())).status).toBe(200);
    expect(sandbox().control.faults()).toEqual([]);
    const logged = sandbox().control.requests({
      service: 'queye',
      pathPrefix: '/v1/library/tracks',
    });
    expect(logged.slice(-3).map((entry) => [entry.status, entry.fault])).toEqual([
      [503, 'status'],
      [503, 'status'],
      [200, undefined],
    ]);
  });

  it('can run the handler before failing, leaving the client unsure of the outcome', async () => {
    const [audio] = (
      await fetchJson<{ items: Array<{ id: string }> }>(`${sandbox().musique.v1BaseUrl}/audio`, {
        headers: musiqueHeaders(sandbox()),
      })
    ).body.items;
    sandbox().control.addFault({
      kind: 'status',
      status: 502,
      service: 'musique',
      method: 'POST',
      path: '/api/v1/integration/audio/*/send',
      times: 1,
      runHandler: true,
    });
    const store = sandbox().stores[42]!.externalId;
    const { status, body } = await fetchJson(
      `${sandbox().musique.v1BaseUrl}/audio/${audio!.id}/send`,
      { headers: musiqueHeaders(sandbox()), json: { externalIds: [store] } },
    );
    expect({ status, body }).toEqual({
      status: 502,
      body: {
        error: { code: 'bad_gateway', message: 'Injected fault: HTTP 502.', type: 'api_error' },
      },
    });
    expect(
      sandbox()
        .control.ledger()
        .filter((entry) => entry.externalId === store),
    ).toHaveLength(1);
  });

  it('delays answers (long enough to time a client out)', async () => {
    sandbox().control.addFault({ kind: 'delay', ms: 400, path: '/v1/health', times: 2 });
    const started = performance.now();
    expect((await fetch(`${sandbox().queye.baseUrl}/health`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    await expect(
      fetch(`${sandbox().queye.baseUrl}/health`, { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
  });

  it('still carries out a call whose client gave up waiting, and logs what really happened', async () => {
    const audio = (
      await fetchJson<{ items: Array<{ id: string }> }>(`${sandbox().musique.v1BaseUrl}/audio`, {
        headers: musiqueHeaders(sandbox()),
      })
    ).body.items[0]!.id;
    const store = sandbox().stores[77]!.externalId;
    sandbox().control.addFault({
      kind: 'delay',
      runHandler: true,
      ms: 300,
      method: 'POST',
      path: '/api/v1/integration/audio/*/send',
      times: 1,
    });
    const send = fetch(`${sandbox().musique.v1BaseUrl}/audio/${audio}/send`, {
      method: 'POST',
      headers: { ...musiqueHeaders(sandbox()), 'content-type': 'application/json' },
      body: JSON.stringify({ externalIds: [store] }),
      signal: AbortSignal.timeout(50),
    });
    await expect(send).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(
      sandbox()
        .control.ledger()
        .filter((entry) => entry.externalId === store),
    ).toHaveLength(1);
    expect(
      sandbox()
        .control.requests({ pathPrefix: `/api/v1/integration/audio/${audio}/send` })
        .at(-1),
    ).toMatchObject({ status: 200, fault: 'delay', aborted: true });
    const logs = await fetchJson<{ items: Array<{ method: string; status: number }> }>(
      `${sandbox().musique.origin}/api/integration/logs?method=POST`,
      { headers: musiqueHeaders(sandbox()) },
    );
    expect(logs.body.items[0]).toMatchObject({ method: 'POST', status: 200 });
  });

  it('trickles a body out slowly, intact', async () => {
    const url = await streamUrl();
    sandbox().control.addFault({
      kind: 'slowBody',
      bytesPerSec: 20_000,
      path: '/v1/stream/*',
      times: 1,
    });
    const started = performance.now();
    const slow = Buffer.from(
      await (await fetch(url, { headers: { range: 'bytes=0-9999' } })).arrayBuffer(),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    const fast = Buffer.from(
      await (await fetch(url, { headers: { range: 'bytes=0-9999' } })).arrayBuffer(),
    );
    expect(slow.equals(fast)).toBe(true);
  });

  it('resets the connection mid-body, or before any answer', async () => {
    const url = await streamUrl();
    sandbox().control.addFault({
      kind: 'reset',
      afterBytes: 4096,
      path: '/v1/stream/**',
      times: 1,
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
    sandbox().control.addFault({ kind: 'reset', path: '/v1/library/summary', times: 1 });
    await expect(fetch(`${sandbox().queye.baseUrl}/library/summary`, queye())).rejects.toThrow();
    expect(sandbox().control.requests({ pathPrefix: '/v1/library/summary' }).at(-1)).toMatchObject({
      fault: 'reset',
      aborted: true,
    });
  });

  it('serves malformed JSON with a consistent Content-Length', async () => {
    sandbox().control.addFault({ kind: 'malformedJson', path: '/v1/library/summary', times: 1 });
    const response = await fetch(`${sandbox().queye.baseUrl}/library/summary`, queye());
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('storms 429s with Retry-After in each service’s own shape', async () => {
    sandbox().control.addFault({
      kind: 'rateLimitStorm',
      retryAfterSec: 7,
      service: 'musique',
      times: 3,
    });
    for (let i = 0; i < 3; i++) {
      const { status, body, headers } = await fetchJson(`${sandbox().musique.v1BaseUrl}/audio`, {
        headers: musiqueHeaders(sandbox()),
      });
      expect({ status, body }).toEqual({
        status: 429,
        body: {
          error: {
            code: 'rate_limit_exceeded',
            message: 'Rate limit exceeded. Retry after 7 s.',
            type: 'rate_limit_error',
            retryAfter: 7,
          },
        },
      });
      expect(headers.get('retry-after')).toBe('7');
      expect(headers.get('x-ratelimit-remaining')).toBe('0');
    }
    expect(
      (
        await fetchJson(`${sandbox().musique.v1BaseUrl}/audio`, {
          headers: musiqueHeaders(sandbox()),
        })
      ).status,
    ).toBe(200);
    sandbox().control.addFault({ kind: 'rateLimitStorm', service: 'queye', times: 1 });
    const queyeStorm = await fetchJson(tracksUrl(), queye());
    expect(queyeStorm).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(queyeStorm.headers.get('retry-after')).toBe('1');
  });

  it('matches by service, method and path pattern, and can skip the first requests', async () => {
    const fault = sandbox().control.addFault({
      kind: 'status',
      status: 500,
      service: 'queye',
      method: 'GET',
      path: '/v1/library/**',
      skip: 1,
    });
    expect((await fetchJson(tracksUrl(), queye())).status).toBe(200); // skipped
    expect((await fetchJson(tracksUrl(), queye())).status).toBe(500);
    expect((await fetchJson(`${sandbox().queye.baseUrl}/library/albums`, queye())).status).toBe(
      500,
    );
    expect((await fetch(`${sandbox().queye.baseUrl}/health`)).status).toBe(200); // other path
    expect(
      (
        await fetchJson(`${sandbox().musique.v1BaseUrl}/audio`, {
          headers: musiqueHeaders(sandbox()),
        })
      ).status,
    ).toBe(200); // other service
    expect(
      sandbox()
        .control.faults()
        .find((entry) => entry.id === fault.id),
    ).toMatchObject({ applied: 2, skipped: 1 });
    sandbox().control.clearFaults(fault.id);
    expect((await fetchJson(tracksUrl(), queye())).status).toBe(200);
    expect(() => sandbox().control.addFault({ kind: 'explode' } as never)).toThrow(
      /Fault kind must be/,
    );
  });

  it('closes promptly even with a long delay pending', async () => {
    const started = performance.now();
    await withSandbox(async (other) => {
      other.control.addFault({ kind: 'delay', ms: 60_000 });
      const pending = fetch(`${other.queye.baseUrl}/health`).catch(() => 'aborted');
      await new Promise((resolve) => setTimeout(resolve, 50));
      void pending;
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
