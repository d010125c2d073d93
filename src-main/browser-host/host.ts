import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  malformedFrame,
  maxFrameBytes,
  type ClientFrame,
  type ServerFrame,
} from '../../src-preload/api/ws-protocol.ts';
import { internalFailure, localReference } from '../services/core/errors.ts';
import { dispatch } from '../services/core/router.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { createNodeRuntime, type NodeRuntimeOptions } from '../services/runtime/node-runtime.ts';
import { contentSecurityPolicy } from '../services/security/csp.ts';
import { createStaticFileHandler } from '../services/static/static-files.ts';
import { bridgeScript } from './bridge-script.ts';
import { createLaunchKey } from './launch-key.ts';
import { sendWebResponse, toWebRequest } from './node-http.ts';

export interface BrowserHostOptions extends Omit<NodeRuntimeOptions, 'userDataDir'> {
  userDataDir: string;
  /** Built renderer (`electron-vite build` output). */
  rendererDir?: string;
  port?: number;
  /** This launch's key (random by default; tests pass one to check the refusals). */
  launchKey?: string;
}

export interface BrowserHost {
  /** The address to open: it carries this launch's key, which nothing else is let in without. */
  url: string;
  /** The origin the page runs on (`http://127.0.0.1:<port>`), without the key. */
  origin: string;
  port: number;
  services: Services;
  close(): Promise<void>;
}

const defaultRendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const bridgePath = '/__aislecast/bridge.js';

const locked = `<!doctype html><meta charset="utf-8"><title>Aislecast</title>
<p>This Aislecast browser host lets in only the address it printed when it started (it carries
a key for this launch). Open that address; after a restart of the host, open the new one.</p>`;

/** A WebSocket message as text, whatever form `ws` delivered it in. */
function messageText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** A client frame, or the refusal to send back (with the call's ID when it could be read). */
function readCall(data: RawData): ClientFrame | { refused: true; id?: number } {
  const text = messageText(data);
  let frame: unknown;
  try {
    frame = decodeFrame<ClientFrame>(text);
  } catch {
    // Unreadable (or too deeply nested to read): the bridge writes the ID first, so the caller
    // can still be told instead of waiting.
    const id = /^\{"type":"call","id":(\d{1,15}),/.exec(text.slice(0, 64))?.[1];
    return { refused: true, id: id === undefined ? undefined : Number(id) };
  }
  const record = (frame ?? {}) as Partial<ClientFrame>;
  const id =
    typeof record.id === 'number' && Number.isSafeInteger(record.id) ? record.id : undefined;
  if (record.type !== 'call' || id === undefined) return { refused: true, id };
  return record as ClientFrame;
}

/**
 * Runs the real services in Node and serves the built renderer to any browser on loopback.
 * `window.aislecast` is the same contract-built API as in Electron, carried over a WebSocket.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const runtime = createNodeRuntime(options);
  const services = createServices(runtime.config);
  const log = runtime.config.logger;
  const script = await bridgeScript();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);
  const key = createLaunchKey(port, options.launchKey);

  const csp = contentSecurityPolicy({
    connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
  });
  const files = createStaticFileHandler(options.rendererDir ?? defaultRendererDir, {
    headers: { 'content-security-policy': csp },
    transformHtml: (html) =>
      html.replace('<head>', `<head>\n    <script src="${bridgePath}"></script>`),
  });

  // DNS rebinding: a page on another name resolving to 127.0.0.1 must not reach the services.
  const hostAllowed = (req: IncomingMessage) => allowedHosts.has(req.headers.host ?? '');
  const keyHeld = (req: IncomingMessage) => key.inCookie(req.headers.cookie);

  const withKeyCookie = (response: Response) => {
    const headers = new Headers(response.headers);
    headers.set('set-cookie', key.setCookie());
    headers.set('cache-control', 'no-store');
    // The address carries the key: no request may pass it on as a Referer.
    headers.set('referrer-policy', 'no-referrer');
    return new Response(response.body, { status: response.status, headers });
  };

  const refuse = (res: ServerResponse, status: number) =>
    res
      .writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .end(status === 401 ? locked : '');

  server.on('request', (req, res) => {
    if (!hostAllowed(req)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    // The printed address hands the key to the page as a cookie. The address stays as printed
    // (no redirect), so a deep link to it (`…?key=…#/settings`) moves within the page.
    const offered = url.searchParams.get(key.param);
    const entering = offered !== null && key.matches(offered);
    if (!entering && !keyHeld(req)) {
      refuse(res, 401);
      return;
    }
    if (url.pathname === bridgePath) {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(script);
      return;
    }
    const request = toWebRequest(req, origin);
    const respond = url.pathname.startsWith('/__aislecast/media/')
      ? services.media.handle(request)
      : files(request).then((response) => (entering ? withKeyCookie(response) : response));
    respond.then(
      (response) => sendWebResponse(res, response),
      () => res.writeHead(500).end(),
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (req, socket, head) => {
    // Nothing a refused upgrade does may end the process (a reset socket emits 'error').
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', origin).pathname;
    if (
      path !== '/__aislecast/bridge' ||
      !hostAllowed(req) ||
      !allowedOrigins.has(req.headers.origin ?? '') ||
      !keyHeld(req)
    ) {
      log.warn({ path: path.slice(0, 100) }, 'browser host refused a WebSocket upgrade');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(frame));
  };
  sockets.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const callOrigin = req.headers.origin ?? origin;
    // Without a listener, one oversized or broken frame would throw and end the host. `ws`
    // closes the connection itself (1009 for a frame over the limit, which the bridge turns
    // into a typed error for its pending calls).
    ws.on('error', (error) => {
      log.warn({ err: error.message }, 'browser host closed a WebSocket after a bad frame');
    });
    ws.on('message', (data) => {
      const frame = readCall(data);
      if ('refused' in frame) {
        send(ws, { type: 'refused', id: frame.id, error: malformedFrame() });
        return;
      }
      // The router never throws; should that ever change (or an answer not encode), the call
      // still gets a typed answer and the rejection cannot end the process.
      void dispatch(services.router, frame.name, frame.args, { origin: callOrigin })
        .then((outcome) => send(ws, { type: 'result', id: frame.id, outcome }))
        .catch((error: unknown) => {
          const reference = localReference();
          log.error({ err: error, reference }, 'browser host could not answer a call');
          send(ws, { type: 'result', id: frame.id, outcome: internalFailure(reference) });
        });
    });
  });
  const stopEvents = services.events.listen((name, payload) => {
    for (const ws of sockets.clients) send(ws, { type: 'event', name, payload });
  });

  return {
    url: key.entryUrl(origin),
    origin,
    port,
    services,
    async close() {
      stopEvents();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.dispose();
      await runtime.close();
    },
  };
}
