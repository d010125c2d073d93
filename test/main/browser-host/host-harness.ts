import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { defaultAudioCacheDir } from '../../../src-main/sandbox/index.ts';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../../../src-main/browser-host/host.ts';
import {
  decodeFrame,
  encodeFrame,
  type ServerFrame,
} from '../../../src-preload/api/ws-protocol.ts';

export interface TestHost {
  host: BrowserHost;
  /** The `Cookie` header the page holds after opening `host.url`. */
  cookie: string;
  close(): Promise<void>;
}

/** A browser host over throw-away folders, with a one-line renderer. */
export async function startTestHost(options: Partial<BrowserHostOptions> = {}): Promise<TestHost> {
  const dir = await mkdtemp(join(tmpdir(), 'aislecast-host-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  const host = await startBrowserHost({
    userDataDir: join(dir, 'profile'),
    rendererDir,
    logLevel: 'silent',
    demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
    ...options,
  });
  const entry = await fetch(host.url);
  const cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    host,
    cookie,
    async close() {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface SocketOptions {
  origin?: string;
  cookie?: string;
  path?: string;
  host?: string;
}

/** Opens the bridge socket as a page (or an impostor) would; rejects with the HTTP status. */
export function openSocket(target: TestHost, options: SocketOptions = {}): Promise<WebSocket> {
  const headers: Record<string, string> = {};
  const cookie = options.cookie ?? target.cookie;
  if (cookie) headers.cookie = cookie;
  if (options.host) headers.host = options.host;
  const ws = new WebSocket(
    `ws://127.0.0.1:${target.host.port}${options.path ?? '/__aislecast/bridge'}`,
    { origin: options.origin ?? target.host.origin, headers, maxPayload: 256 * 1024 * 1024 },
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Sends one raw frame and waits for the answer frame with `id` (or any refusal). */
export function exchange(ws: WebSocket, text: string, id?: number): Promise<ServerFrame> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      const frame = decodeFrame<ServerFrame>(data.toString());
      if (frame.type === 'event') return;
      if (frame.type === 'result' && frame.id !== id) return;
      if (frame.type === 'refused' && id !== undefined && frame.id !== id) return;
      cleanup();
      resolve(frame);
    };
    const onClose = (code: number) => {
      cleanup();
      reject(new Error(`closed ${code}`));
    };
    const cleanup = () => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(text);
  });
}

let nextId = 1;

/** One contract call over the socket, as the bridge encodes it. */
export function callOver(ws: WebSocket, name: string, args?: unknown): Promise<ServerFrame> {
  const id = nextId++;
  return exchange(ws, encodeFrame({ type: 'call', id, name, args }), id);
}

/** Resolves with the close code once the socket closes. */
export function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(1006);
    ws.once('close', (code) => resolve(code));
  });
}
