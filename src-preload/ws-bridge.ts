/**
 * Browser-host counterpart of the preload: the same `createBridgeApi`, carried over a
 * WebSocket instead of IPC. Built into a classic script and injected by the browser host.
 */
import { createBridgeApi } from './api/create-api.ts';
import { createWsTransport } from './api/ws-transport.ts';

const socketUrl = new URL('/__aislecast/bridge', window.location.href);
socketUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';

Object.defineProperty(window, 'aislecast', {
  value: createBridgeApi(
    createWsTransport(socketUrl.href),
    (kind, id) => new URL(`/__aislecast/media/${kind}/${id}`, window.location.href).href,
  ),
  enumerable: true,
});
