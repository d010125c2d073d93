import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Net } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElectronFetch } from '../../../src-main/app/net-fetch.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import type { MusiqueApi } from '../../../src-main/services/musique/client.ts';
import { multipartBody } from '../../../src-main/services/musique/upload/multipart.ts';
import { createUploader } from '../../../src-main/services/musique/upload/uploader.ts';
import { net, recorded } from '../../support/electron-stub.ts';

/**
 * Requests through Electron's network stack, against the double's `net`, which treats request
 * bodies as Electron 45 does: `net.fetch` slurps a streamed body before sending, `net.request`
 * with chunked encoding streams it.
 */
const size = 32 * 1024 * 1024;
let dir: string;
let file: string;
let server: Server | undefined;
beforeEach(async () => {
  recorded.reset();
  dir = await mkdtemp(join(tmpdir(), 'aislecast-netfetch-'));
  file = join(dir, 'long.mp3');
  await writeFile(file, randomBytes(size));
});
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

type Handler = (request: IncomingMessage, answer: (status: number, body: string) => void) => void;
async function listen(handler: Handler): Promise<string> {
  server = createServer((request, response) =>
    handler(request, (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'r1' });
      response.end(body);
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/audio`;
}

const electronFetch = () => createElectronFetch(net as unknown as Net);

function upload(onBytes: (sent: number) => void) {
  const multipart = multipartBody(
    { name: 'Long' },
    { field: 'file', path: file, size, fileName: 'long.mp3', contentType: 'audio/mpeg' },
    onBytes,
  );
  return { multipart, init: (signal?: AbortSignal) => init(multipart, signal) };
}
const init = (multipart: ReturnType<typeof multipartBody>, signal?: AbortSignal): RequestInit =>
  ({
    method: 'POST',
    body: multipart.body,
    headers: {
      'content-type': multipart.contentType,
      'content-length': String(multipart.length),
    },
    duplex: 'half',
    signal,
  }) as RequestInit;

describe('streamed request bodies', () => {
  it("the double's net.fetch, like Electron's, reads the whole body before a byte is sent", async () => {
    let sent = 0;
    let sentAtFirstByte = -1;
    const url = await listen((request, answer) => {
      request.once('data', () => (sentAtFirstByte = sent));
      request.resume();
      request.on('end', () => answer(201, '{}'));
    });
    const { multipart, init: options } = upload((bytes) => (sent = bytes));
    await net.fetch(url, options());
    expect(sentAtFirstByte).toBe(multipart.length);
    expect(recorded.fetches[0]?.bodyBufferedBeforeSend).toBe(true);
  });

  it('the shell streams it: when the server sees the first bytes, most of the file is unread', async () => {
    let sent = 0;
    let sentAtFirstByte = -1;
    const received: Buffer[] = [];
    let headers: IncomingMessage['headers'] = {};
    const url = await listen((request, answer) => {
      headers = request.headers;
      request.once('data', () => (sentAtFirstByte = sent));
      request.on('data', (chunk: Buffer) => received.push(chunk));
      request.on('end', () => answer(201, '{"id":7}'));
    });
    const { multipart, init: options } = upload((bytes) => (sent = bytes));

    const response = await electronFetch()(url, options());
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await response.json()).toEqual({ id: 7 });
    expect(sentAtFirstByte).toBeGreaterThan(0);
    expect(sentAtFirstByte).toBeLessThan(multipart.length / 2);
    expect(sent).toBe(multipart.length);
    // The whole body arrived, the file's bytes intact, sent chunked (no length up front).
    const body = Buffer.concat(received);
    expect(body.byteLength).toBe(multipart.length);
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(sha(body.subarray(multipart.headLength, multipart.headLength + size))).toBe(
      sha(await readFile(file)),
    );
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    expect(recorded.requests[0]).toMatchObject({
      chunked: true,
      cache: 'no-store',
      credentials: 'omit',
    });
  });

  it('an upload to a server that stops reading stalls where the bytes stopped, not at 100 %', async () => {
    const url = await listen((request) => {
      let received = 0;
      request.on('data', (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > 1024 * 1024) request.pause();
      });
    });
    const fetchOver = electronFetch();
    const api = {
      upload: async (req: { body: ReadableStream; contentType: string; signal: AbortSignal }) => {
        const response = await fetchOver(url, {
          method: 'POST',
          body: req.body,
          headers: { 'content-type': req.contentType },
          duplex: 'half',
          signal: req.signal,
        } as RequestInit);
        return (await response.json()) as never;
      },
      listAll: () => Promise.resolve([]),
    } as unknown as MusiqueApi;
    const progress: number[] = [];
    const uploader = createUploader({
      log: silentLogger(),
      emit: (p) => progress.push(p.sentBytes),
      stallMs: 400,
    });
    const result = await uploader.run(api, {
      file: { id: 'u1', fileName: 'long.mp3', path: file, size, received: size },
      name: 'Long',
      description: '',
      category: 'other',
    });
    expect(result.phase).toBe('failed');
    expect(result.error?.code).toBe('upload_stalled');
    expect(Math.max(...progress)).toBeLessThan(size / 2);
  });
});

describe('every other request', () => {
  it('goes through net.fetch with no HTTP cache and no cookies', async () => {
    const url = await listen((_request, answer) => answer(200, '{"ok":true}'));
    const response = await electronFetch()(url, { headers: { accept: 'application/json' } });
    expect(await response.json()).toEqual({ ok: true });
    expect(recorded.fetches[0]).toMatchObject({ cache: 'no-store', credentials: 'omit' });
  });

  it('a streamed request cancelled midway rejects with the abort reason', async () => {
    const url = await listen((request) => request.pause());
    const controller = new AbortController();
    const { init: options } = upload(() => controller.abort(new Error('cancelled')));
    await expect(electronFetch()(url, options(controller.signal))).rejects.toThrow('cancelled');
  });
});
