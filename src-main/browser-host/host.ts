import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  type ClientFrame,
  type ServerFrame,
} from '../../src-preload/api/ws-protocol.ts';
import { dispatch } from '../services/core/router.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { createNodeRuntime, type NodeRuntimeOptions } from '../services/runtime/node-runtime.ts';
import { contentSecurityPolicy } from '../services/security/csp.ts';
import { createStaticFileHandler } from '../services/static/static-files.ts';
import { bridgeScript } from './bridge-script.ts';
import { sendWebResponse, toWebRequest } from './node-http.ts';

export interface BrowserHostOptions extends Omit<NodeRuntimeOptions, 'userDataDir'> {
  userDataDir: string;
  /** Built renderer (`electron-vite build` output). */
  rendererDir?: string;
  port?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  services: Services;
  close(): Promise<void>;
}

const defaultRendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const bridgePath = '/__aislecast/bridge.js';

/**
 * Runs the real services in Node and serves the built renderer to any browser on loopback.
 * `window.aislecast` is the same contract-built API as in Electron, carried over a WebSocket.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const runtime = createNodeRuntime(options);
  const services = createServices(runtime.config);
  const script = await bridgeScript();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);

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

  server.on('request', (req, res) => {
    if (!hostAllowed(req)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === bridgePath) {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(script);
      return;
    }
    const request = toWebRequest(req, origin);
    const respond = path.startsWith('/__aislecast/media/')
      ? services.media.handle(request)
      : files(request);
    respond.then(
      (response) => sendWebResponse(res, response),
      () => res.writeHead(500).end(),
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4_000_000 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    if (
      path !== '/__aislecast/bridge' ||
      !hostAllowed(req) ||
      !allowedOrigins.has(req.headers.origin ?? '')
    ) {
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
    ws.on('message', (data) => {
      let frame: ClientFrame;
      try {
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data as ArrayBuffer).toString('utf8');
        frame = decodeFrame<ClientFrame>(text);
      } catch {
        return;
      }
      if (frame?.type !== 'call' || typeof frame.id !== 'number') return;
      void dispatch(services.router, frame.name, frame.args, { origin: callOrigin }).then(
        (outcome) => send(ws, { type: 'result', id: frame.id, outcome }),
      );
    });
  });
  const stopEvents = services.events.listen((name, payload) => {
    for (const ws of sockets.clients) send(ws, { type: 'event', name, payload });
  });

  return {
    url: `${origin}/`,
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
