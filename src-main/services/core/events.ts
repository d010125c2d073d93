import type { EventName, PayloadOf } from '../../../src-preload/contract/types.ts';

export type EventSink = <E extends EventName>(name: E, payload: PayloadOf<E>) => void;

/** Fan-out of pushed events: the Electron shell and the browser host each attach a listener. */
export interface EventBus {
  emit: EventSink;
  listen(listener: (name: EventName, payload: unknown) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  return {
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
