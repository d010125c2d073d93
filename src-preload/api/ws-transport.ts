import type { ApiErrorShape, Outcome } from '../contract/define.ts';
import type { BridgeTransport } from '../contract/types.ts';
import {
  decodeFrame,
  encodeFrame,
  exceedsFrameLimit,
  frameTooBigCloseCode,
  frameTooLarge,
  type ClientFrame,
  type ServerFrame,
} from './ws-protocol.ts';

const disconnected = (): Outcome<unknown> => ({
  ok: false,
  error: {
    code: 'bridge_disconnected',
    service: 'app',
    message: 'Lost the connection to the Aislecast host.',
    action: 'Check that the host process is still running, then reload the page.',
  },
});

const unsendable = (name: string): ApiErrorShape => ({
  code: 'invalid_arguments',
  service: 'app',
  message: `The request "${name}" holds data that cannot be sent to the Aislecast host and was not carried out.`,
  action: 'Reload the page and try again.',
});

/** Calls made while connecting are queued; a dropped socket fails pending calls and reconnects. */
export function createWsTransport(url: string): BridgeTransport {
  let socket: WebSocket | undefined;
  let nextId = 1;
  const pending = new Map<number, (outcome: Outcome<unknown>) => void>();
  const queued: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let retryMs = 250;

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 250;
      for (const frame of queued.splice(0)) ws.send(frame);
    });
    ws.addEventListener('message', (message) => {
      let frame: ServerFrame;
      try {
        frame = decodeFrame<ServerFrame>(String(message.data));
      } catch {
        return;
      }
      if (frame.type === 'result') {
        pending.get(frame.id)?.(frame.outcome);
        pending.delete(frame.id);
      } else if (frame.type === 'refused') {
        if (frame.id === undefined) return;
        pending.get(frame.id)?.({ ok: false, error: frame.error });
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
      }
    });
    ws.addEventListener('close', (event) => {
      // Queued frames die with their pending calls: never run a call whose caller gave up.
      queued.length = 0;
      const outcome: Outcome<unknown> =
        event.code === frameTooBigCloseCode
          ? { ok: false, error: frameTooLarge() }
          : disconnected();
      for (const resolve of pending.values()) resolve(outcome);
      pending.clear();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    });
  };
  connect();

  return {
    invoke(name, args) {
      return new Promise((resolve) => {
        const id = nextId++;
        const frame: ClientFrame = { type: 'call', id, name, args };
        let text: string;
        try {
          text = encodeFrame(frame);
        } catch {
          // Cyclic, BigInt or absurdly deep arguments: a typed answer, never a rejection.
          resolve({ ok: false, error: unsendable(name) });
          return;
        }
        // The host would close the connection on it, failing every other call in flight.
        if (exceedsFrameLimit(text)) {
          resolve({ ok: false, error: frameTooLarge(name) });
          return;
        }
        pending.set(id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queued.push(text);
      });
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
