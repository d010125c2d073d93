import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src-main/services/http/http-client.ts';
import { UpstreamError } from '../../../src-main/services/http/upstream-error.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { scriptedServer } from '../../support/http-server.ts';

const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function client(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  return createHttpClient({ service: 'musique', log: silentLogger(), retry: fastRetry, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('http client', () => {
  it('unwraps the {data, timestamp} envelope and keeps bare answers as they are', async () => {
    const server = await scriptedServer((req, res) => {
      res.setHeader('x-request-id', 'req_1');
      res.end(
        req.url === '/wrapped'
          ? JSON.stringify({ data: { id: 'a1' }, timestamp: '2026-01-01T00:00:00Z' })
          : JSON.stringify({ id: 'b2', data: 'not an envelope' }),
      );
    });
    close = server.close;
    const wrapped = await client().request<{ id: string }>({ url: `${server.url}/wrapped` });
    expect(wrapped).toMatchObject({ data: { id: 'a1' }, requestId: 'req_1' });
    const bare = await client().request({ url: `${server.url}/bare` });
    expect(bare.data).toEqual({ id: 'b2', data: 'not an envelope' });
  });

  it('reads UTF-8 text split across chunks, with or without a byte-order mark', async () => {
    const body = Buffer.from(JSON.stringify({ title: 'Café – 😀' }));
    const server = await scriptedServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      if (req.url === '/bom') res.write(Buffer.from([0xef, 0xbb, 0xbf]));
      // Cut inside the multi-byte characters, so each chunk alone is not valid UTF-8.
      res.write(body.subarray(0, body.length - 3));
      res.end(body.subarray(body.length - 3));
    });
    close = server.close;
    for (const path of ['/plain', '/bom']) {
      const answer = await client().request({ url: `${server.url}${path}` });
      expect(answer.data).toEqual({ title: 'Café – 😀' });
    }
  });

  it('maps an error envelope to a typed error with the request ID', async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/json', 'x-request-id': 'req_422' });
      res.end(
        JSON.stringify({
          error: { code: 'unknown_external_ids', message: 'Unknown', unknown: ['s9'] },
        }),
      );
    });
    close = server.close;
    const error = await failure(client().request({ url: server.url, method: 'POST', json: {} }));
    expect(error.shape).toMatchObject({
      code: 'unknown_external_ids',
      status: 422,
      requestId: 'req_422',
      service: 'musique',
    });
    expect(error.shape.message).toMatch(/Musique/);
    expect(error.shape.action).toBeTruthy();
    expect(error.info.body).toMatchObject({ error: { unknown: ['s9'] } });
    expect(server.hits()).toBe(1);
  });

  it('retries a GET on 503 and honours Retry-After, but never a POST', async () => {
    const server = await scriptedServer((req, res, hit) => {
      if (req.method === 'POST' || hit < 3) {
        res.writeHead(503, { 'retry-after': '0' });
        res.end('{}');
        return;
      }
      res.end('{"ok":true}');
    });
    close = server.close;
    await expect(client().request({ url: server.url })).resolves.toMatchObject({
      data: { ok: true },
    });
    expect(server.hits()).toBe(3);
    const post = await failure(client().request({ url: server.url, method: 'POST', json: {} }));
    expect(post.status).toBe(503);
    expect(server.hits()).toBe(4);
  });

  it('reports malformed JSON, a reset mid-body and a timeout distinctly', async () => {
    const server = await scriptedServer((req, res) => {
      if (req.url === '/malformed') {
        res.end('{"items": [1, 2');
        return;
      }
      if (req.url === '/reset') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('{"items":[');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      setTimeout(() => res.end('{}'), 500);
    });
    close = server.close;
    const once = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
    expect(
      (await failure(client({ retry: once }).request({ url: `${server.url}/malformed` }))).info
        .code,
    ).toBe('malformed_response');
    expect(
      (await failure(client({ retry: once }).request({ url: `${server.url}/reset` }))).info.code,
    ).toBe('connection_reset');
    const slow = await failure(
      client({ retry: once }).request({ url: `${server.url}/slow`, timeoutMs: 50 }),
    );
    expect(slow.info.code).toBe('timeout');
  });

  it('reports an unreachable host as a network error', async () => {
    const error = await failure(
      client({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).request({
        url: 'http://127.0.0.1:9/',
      }),
    );
    expect(error.info.code).toBe('network_error');
    expect(error.shape.message).toMatch(/Could not reach Musique/);
  });

  it('lets a caller abort without turning it into an upstream error', async () => {
    const server = await scriptedServer((_req, res) => setTimeout(() => res.end('{}'), 1000));
    close = server.close;
    const controller = new AbortController();
    const pending = client().request({ url: server.url, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
