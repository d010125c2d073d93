import { calls, events, mediaKinds } from '../contract/contract.ts';
import type {
  BridgeApi,
  BridgeTransport,
  CallName,
  EventName,
  MediaKind,
} from '../contract/types.ts';

const callNames = Object.keys(calls) as CallName[];
const eventNames = new Set<string>(Object.keys(events));
const kinds = new Set<string>(mediaKinds);
const mediaId = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Builds `window.aislecast` from the contract. Shared by the Electron preload and the browser
 * host's bridge so the two cannot drift: both expose exactly one function per declared call.
 */
export function createBridgeApi(
  transport: BridgeTransport,
  mediaBase: (kind: MediaKind, id: string) => string,
): BridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    const [ns, method] = name.split('.') as [string, string];
    const group = (api[ns] ??= {}) as Record<string, unknown>;
    group[method] = (args?: unknown) => transport.invoke(name, args);
  }
  api.on = (name: string, listener: (payload: unknown) => void) => {
    if (!eventNames.has(name)) throw new Error(`Unknown event "${name}"`);
    if (typeof listener !== 'function') throw new Error('Listener must be a function');
    return transport.subscribe(name as EventName, listener);
  };
  api.mediaUrl = (kind: string, id: string | number) => {
    const text = String(id);
    if (!kinds.has(kind) || !mediaId.test(text)) throw new Error(`Invalid media reference`);
    return mediaBase(kind as MediaKind, encodeURIComponent(text));
  };
  for (const value of Object.values(api)) {
    if (typeof value === 'object' && value) Object.freeze(value);
  }
  return Object.freeze(api) as unknown as BridgeApi;
}
