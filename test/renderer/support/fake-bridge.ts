import { createBridgeApi } from '../../../src-preload/api/create-api.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type {
  BridgeApi,
  CallName,
  EventName,
  PayloadOf,
  ResultOf,
} from '../../../src-preload/contract/types.ts';

type Handler<K extends CallName> = (
  args: unknown,
) => ResultOf<K> | Outcome<ResultOf<K>> | Promise<ResultOf<K>>;
export type FakeHandlers = { [K in CallName]?: Handler<K> };

/**
 * Installs a `window.aislecast` built by the real factory over an in-memory transport.
 * Unscripted calls fail loudly so a test never passes on a call it did not expect.
 */
export function installFakeBridge(handlers: FakeHandlers) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<{ name: CallName; args: unknown }> = [];
  const api: BridgeApi = createBridgeApi(
    {
      async invoke(name, args) {
        calls.push({ name, args });
        const handler = handlers[name] as ((a: unknown) => unknown) | undefined;
        if (!handler) throw new Error(`Unexpected call ${name}`);
        const value = await handler(args);
        if (value && typeof value === 'object' && 'ok' in value && typeof value.ok === 'boolean')
          return value as Outcome<unknown>;
        return { ok: true, value };
      },
      subscribe(name, listener) {
        const set = listeners.get(name) ?? new Set();
        listeners.set(name, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    },
    (kind, id) => `media://${kind}/${id}`,
  );
  Object.defineProperty(window, 'aislecast', { value: api, configurable: true, writable: true });
  return {
    api,
    calls,
    emit<E extends EventName>(name: E, payload: PayloadOf<E>) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  };
}
