/**
 * One place where the features' handlers become the router's handler map. Each call is
 * registered exactly once: a name two features both handle, a name the contract does not declare
 * or a declared call nobody handles stops start-up here, rather than one handler silently
 * shadowing another or a call answering "not implemented" at run time.
 */
import { calls } from '../../../src-preload/contract/contract.ts';
import type { CallName } from '../../../src-preload/contract/types.ts';
import type { AnyFeature } from './feature.ts';
import type { Handlers } from './router.ts';

/** The call names a list of features handles, read from their handler maps' keys. */
type HandledBy<F> = F extends { handlers: infer H } ? Extract<keyof H, CallName> : never;
type Unhandled<Fs extends readonly AnyFeature[]> = Exclude<CallName, HandledBy<Fs[number]>>;
/**
 * Fails to compile while a declared call has no handler; the error names the missing calls
 * (as the type of `unhandledCalls`).
 */
type EveryCallHandled<Fs extends readonly AnyFeature[]> = [Unhandled<Fs>] extends [never]
  ? unknown
  : { readonly unhandledCalls: Unhandled<Fs> };

/** Merges the features' handlers into one map, refusing duplicates, strays and gaps. */
export function registerFeatures<const Fs extends readonly AnyFeature[]>(
  features: Fs & EveryCallHandled<Fs>,
): Handlers {
  const declared = new Set<string>(Object.keys(calls));
  const merged = new Map<string, unknown>();
  for (const feature of features as readonly AnyFeature[]) {
    for (const [name, handler] of Object.entries(feature.handlers)) {
      if (merged.has(name)) throw new Error(`The call "${name}" is registered twice.`);
      if (!declared.has(name)) {
        throw new Error(`The call "${name}" has a handler but is not declared in the contract.`);
      }
      merged.set(name, handler);
    }
  }
  const missing = [...declared].filter((name) => !merged.has(name));
  if (missing.length > 0) {
    throw new Error(
      `These calls are declared in the contract but have no handler: ${missing.join(', ')}.`,
    );
  }
  // Every declared name now maps to the handler its feature typed for that call.
  return Object.fromEntries(merged) as Handlers;
}
