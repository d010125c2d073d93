import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { ServiceConnection } from '../../../src-preload/contract/schemas/connection.ts';
import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import type { FeatureContext } from '../core/feature.ts';
import { publishVaultStatus } from '../vault/vault-handlers.ts';

/** What the sidebar's status area shows for a Queye status and the last answer (or silence). */
export function connectionOf(
  status: QueyeStatus,
  reachable: boolean | undefined,
  lastError: ApiErrorShape | undefined,
): ServiceConnection {
  const demo = status.demo;
  switch (status.state) {
    case 'not-configured':
      return { state: 'not-configured', demo, ...(status.error ? { error: status.error } : {}) };
    case 'connecting':
      return { state: 'checking', demo };
    case 'awaiting-approval':
      return {
        state: 'awaiting-approval',
        demo,
        detail: `Waiting for approval (request ${status.approval?.requestId ?? '…'})`,
      };
    case 'signed-out':
      return {
        state: 'signed-out',
        demo,
        detail: 'Signed out: reconnect in Settings → Queye Music',
        ...(status.error ? { error: status.error } : {}),
      };
    case 'signed-in': {
      const detail = status.userId ? `Connected as ${status.userId}` : 'Connected';
      if (reachable === undefined) return { state: 'checking', demo, detail };
      if (!reachable)
        return { state: 'offline', demo, detail, ...(lastError ? { error: lastError } : {}) };
      if (lastError && (lastError.status ?? 0) >= 500)
        return { state: 'degraded', demo, detail, error: lastError };
      return { state: 'online', demo, detail };
    }
  }
}

/** Holds the Queye status and pushes every change to the renderer and the status area. */
export interface StatusPublisher {
  current(): QueyeStatus;
  /** What the status area shows now. */
  connection(): ServiceConnection;
  /** Replaces the status; listeners hear of it only when something changed. */
  set(next: QueyeStatus): void;
  /** `undefined`: not known yet (a saved sign-in before its first answer). */
  reachability(next: boolean | undefined, error?: ApiErrorShape): void;
  onChange(listener: (status: QueyeStatus) => void): () => void;
  /** The vault's contents changed: tells the renderer's vault status. */
  vaultChanged(): void;
}

export function createStatusPublisher(
  context: FeatureContext,
  initial: QueyeStatus,
): StatusPublisher {
  let status = initial;
  let reachable: boolean | undefined;
  let lastError: ApiErrorShape | undefined;
  const listeners = new Set<(status: QueyeStatus) => void>();
  const report = () =>
    context.connection.report('queye', connectionOf(status, reachable, lastError));
  return {
    current: () => status,
    connection: () => connectionOf(status, reachable, lastError),
    set(next) {
      const clean = Object.fromEntries(
        Object.entries(next).filter(([, value]) => value !== undefined),
      ) as unknown as QueyeStatus;
      const changed = JSON.stringify(clean) !== JSON.stringify(status);
      status = clean;
      if (!changed) return;
      context.events.emit('queye.changed', status);
      report();
      for (const listener of listeners) listener(status);
    },
    reachability(next, error) {
      const nextError = next === false || (error?.status ?? 0) >= 500 ? error : undefined;
      if (next === reachable && nextError?.code === lastError?.code) return;
      reachable = next;
      lastError = nextError;
      report();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    vaultChanged: () => void publishVaultStatus(context),
  };
}
