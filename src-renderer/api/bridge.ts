import type { BridgeApi } from '../../src-preload/contract/types.ts';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or injected by the browser host. */
    readonly aislecast: BridgeApi;
  }
}

export function bridge(): BridgeApi {
  if (!('aislecast' in window)) {
    throw new Error(
      'window.aislecast is missing: the preload or the browser host bridge did not load.',
    );
  }
  return window.aislecast;
}
