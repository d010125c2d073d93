import type { EventName, PayloadOf } from '../../../src-preload/contract/types.ts';
import type { Redactor } from '../log/redactor.ts';
import { redactOutgoing } from './outgoing.ts';

export type EventSink = <E extends EventName>(name: E, payload: PayloadOf<E>) => void;

/**
 * Fan-out of pushed events: the Electron shell and the browser host each attach a listener.
 * Every payload is redacted once, here, before any listener sees it.
 */
export interface EventBus {
  emit: EventSink;
  listen(listener: (name: EventName, payload: unknown) => void): () => void;
}

export function createEventBus(redactor: Redactor): EventBus {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  return {
    emit(name, payload) {
      if (!listeners.size) return;
      const safe = redactOutgoing(payload, redactor);
      for (const listener of listeners) listener(name, safe);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
