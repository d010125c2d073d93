import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Cooperative multitasking for long audio jobs: call the returned function often; every ~8 ms
 * of work it gives the event loop back (and stops if `signal` was aborted), so an in-process
 * sandbox never stalls the app around it.
 */
export function timeSlicer(signal?: AbortSignal, sliceMs = 8): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    signal?.throwIfAborted();
    await yieldToEventLoop();
    sliceStart = performance.now();
  };
}
