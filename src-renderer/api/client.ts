import type { Outcome } from '../../src-preload/contract/define.ts';
import type { BridgeApi, Namespace } from '../../src-preload/contract/types.ts';
import { ApiError } from './api-error.ts';
import { bridge } from './bridge.ts';

type Unwrap<F> = F extends (...args: infer A) => Promise<Outcome<infer R>>
  ? (...args: A) => Promise<R>
  : never;

/** `window.aislecast` with outcomes unwrapped: resolves with the value or throws ApiError. */
export type ClientApi = {
  readonly [N in Namespace]: { readonly [M in keyof BridgeApi[N]]: Unwrap<BridgeApi[N][M]> };
};

const cache = new WeakMap<BridgeApi, ClientApi>();

export function createClient(source: BridgeApi): ClientApi {
  const client: Record<string, Record<string, unknown>> = {};
  for (const [ns, group] of Object.entries(source)) {
    if (typeof group !== 'object' || group === null) continue;
    const wrapped: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(group as Record<string, unknown>)) {
      if (typeof fn !== 'function') continue;
      wrapped[method] = async (...args: unknown[]) => {
        const outcome = await (fn as (...a: unknown[]) => Promise<Outcome<unknown>>)(...args);
        if (outcome.ok) return outcome.value;
        throw new ApiError(outcome.error);
      };
    }
    client[ns] = wrapped;
  }
  return client as unknown as ClientApi;
}

/** The typed client over whatever bridge is installed (tests install a fake one). */
export const api: ClientApi = new Proxy({} as ClientApi, {
  get(_target, namespace: string) {
    const source = bridge();
    let client = cache.get(source);
    if (!client) {
      client = createClient(source);
      cache.set(source, client);
    }
    return client[namespace as Namespace];
  },
});

export const onEvent: BridgeApi['on'] = (name, listener) => bridge().on(name, listener);
export const mediaUrl: BridgeApi['mediaUrl'] = (kind, id) => bridge().mediaUrl(kind, id);
