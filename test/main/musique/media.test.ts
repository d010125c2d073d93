import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedServer } from '../../support/http-server.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';

describe('previews from the sandbox (media://audio)', () => {
  const sandbox = useSandbox();
  let h: Harness;
  let id: string;
  let file: Uint8Array;
  beforeAll(async () => {
    h = await createHarness();
    h.useSandbox(sandbox());
    await h.connect(sandbox());
    const { items } = await h.call('musique.refreshLibrary');
    const item = items[0]!;
    id = item.id;
    file = new Uint8Array(await (await fetch(item.url!)).arrayBuffer());
  });
  afterAll(() => h?.close());

  const media = (path: string, init: RequestInit = {}) =>
    h.context.media.handle(new Request(path, init));

  it('answers a byte range with 206 and the exact bytes', async () => {
    const response = await media(`media://audio/${id}`, { headers: { range: 'bytes=100-1123' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-1123/${file.length}`);
    expect(response.headers.get('content-length')).toBe('1024');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(file.subarray(100, 1124));
  });

  it('answers the whole file, a HEAD, and the browser host path form', async () => {
    const whole = await media(`http://127.0.0.1:9/__aislecast/media/audio/${id}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(file.length));
    expect((await whole.arrayBuffer()).byteLength).toBe(file.length);
    const head = await media(`media://audio/${id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });

  it('answers an unsatisfiable range with 416', async () => {
    const response = await media(`media://audio/${id}`, {
      headers: { range: `bytes=${file.length + 10}-` },
    });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${file.length}`);
  });

  it('answers 404 for an item Musique does not have', async () => {
    expect((await media('media://audio/aud_nope')).status).toBe(404);
  });
});

describe('previews from other file hosts', () => {
  const bytes = new Uint8Array(5000).map((_, i) => i % 251);
  const seen: Array<{ host: 'api' | 'cdn'; headers: IncomingHttpHeaders }> = [];
  let api: Awaited<ReturnType<typeof scriptedServer>>;
  let cdn: Awaited<ReturnType<typeof scriptedServer>>;
  let h: Harness;
  const token = 'msk_live_0123456789abcdef0123';

  beforeAll(async () => {
    // A file host that ignores Range and always answers the whole file.
    cdn = await scriptedServer((req, res) => {
      seen.push({ host: 'cdn', headers: req.headers });
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': bytes.length });
      res.end(bytes);
    });
    // A Musique edition with bare lists and `audioId` only; one file on the API host itself.
    api = await scriptedServer((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/files/')) {
        seen.push({ host: 'api', headers: req.headers });
        res.writeHead(206, {
          'content-type': 'audio/mpeg',
          'content-range': `bytes 0-9/${bytes.length}`,
          'content-length': 10,
        });
        res.end(bytes.subarray(0, 10));
        return;
      }
      res.setHeader('content-type', 'application/json');
      if (url.startsWith('/api/integration/test')) {
        res.end(
          JSON.stringify({ valid: true, externalId: 'x', userId: 1, permissions: ['audio.read'] }),
        );
      } else if (url.startsWith('/api/v1/integration/audio')) {
        res.end(
          JSON.stringify([
            { audioId: 'cdn1', name: 'On CDN', url: `${cdn.url}/f/cdn1.mp3` },
            { audioId: 'own1', name: 'On API host', url: `${api.url}/files/own1.mp3` },
          ]),
        );
      } else res.writeHead(404).end('{}');
    });
    h = await createHarness();
    h.context.settings.update({ musique: { baseUrl: `${api.url}/api/v1/integration` } });
    await h.call('musique.connect', { token });
    await h.call('musique.refreshLibrary');
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
    await cdn?.close();
  });

  it('slices a whole-file answer into the 206 the audio element needs', async () => {
    const response = await h.context.media.handle(
      new Request('media://audio/cdn1', { headers: { range: 'bytes=1000-1999' } }),
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.subarray(1000, 2000));
  });

  it('sends the token to the API host only, never to another host', async () => {
    await (
      await h.context.media.handle(
        new Request('media://audio/own1', { headers: { range: 'bytes=0-9' } }),
      )
    ).arrayBuffer();
    const toApi = seen.filter((s) => s.host === 'api');
    const toCdn = seen.filter((s) => s.host === 'cdn');
    expect(toApi.at(-1)?.headers['x-api-key']).toBe(token);
    expect(toCdn.length).toBeGreaterThan(0);
    expect(toCdn.every((s) => s.headers['x-api-key'] === undefined)).toBe(true);
  });
});
