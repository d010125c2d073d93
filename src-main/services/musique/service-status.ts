/**
 * Musique's service status (API info and health) and the connection state the sidebar shows.
 * The broadcaster asks for the status at a modest interval while it is open (the renderer polls
 * `musique.serviceStatus`), so nothing runs in the background when nobody is looking. Every API
 * answer also feeds the connection state: a broken connection shows as offline at once, and a
 * refused token as signed out.
 */
import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { ServiceConnection } from '../../../src-preload/contract/schemas/connection.ts';
import type { MusiqueServiceStatus } from '../../../src-preload/contract/schemas/musique.ts';
import type { ConnectionMonitor } from '../connection/connection-monitor.ts';
import { isAppError } from '../core/errors.ts';
import type { MusiqueSession } from './account.ts';

const transportCodes = new Set(['network_error', 'timeout', 'connection_reset']);

export interface ServiceStatus {
  /** Info (once per host) and health, and the legacy quota figures where they exist. */
  check(session: MusiqueSession): Promise<MusiqueServiceStatus>;
  last(): MusiqueServiceStatus;
  /** The outcome of any call with the session's token (its error, or nothing on success). */
  record(error?: ApiErrorShape): void;
  /** Recomputes the connection state for the session (or its absence). */
  publish(session: MusiqueSession | undefined): void;
  reset(): void;
}

export function connectionFor(
  session: MusiqueSession | undefined,
  status: MusiqueServiceStatus,
  failure: ApiErrorShape | undefined,
): ServiceConnection {
  if (!session) return { state: 'not-configured', demo: false };
  const demo = session.demo;
  const who = session.facts.externalId ?? 'Musique';
  const checkedAt = status.checkedAt;
  const base = { demo, ...(checkedAt ? { checkedAt } : {}) };
  if (session.rejected)
    return {
      ...base,
      state: 'signed-out',
      detail: session.rejected.message,
      error: session.rejected,
    };
  if (failure && transportCodes.has(failure.code))
    return { ...base, state: 'offline', detail: failure.message, error: failure };
  const health = status.health;
  const troubled = (health?.components ?? []).filter(
    (c) => c.status !== 'healthy' && c.status !== 'unknown',
  );
  const which = troubled.map((c) => `${c.name} ${c.status}`).join(', ');
  if (health?.status === 'down') {
    return {
      ...base,
      state: 'error',
      detail: `Musique is down${which ? ` (${which})` : ''}.`,
      ...(failure ? { error: failure } : {}),
    };
  }
  if (health?.status === 'degraded') {
    return {
      ...base,
      state: 'degraded',
      detail: `Musique is degraded${which ? ` (${which})` : ''}.`,
    };
  }
  if (failure && (failure.status ?? 0) >= 500)
    return { ...base, state: 'degraded', detail: failure.message, error: failure };
  return { ...base, state: 'online', detail: `Connected as ${who}` };
}

export function createServiceStatus(options: {
  connection: ConnectionMonitor;
  onLimits?: (limits: Awaited<ReturnType<MusiqueSession['api']['limits']>>) => void;
  now?: () => number;
}): ServiceStatus {
  const now = options.now ?? Date.now;
  let status: MusiqueServiceStatus = {};
  let infoFor: string | undefined;
  let failure: ApiErrorShape | undefined;
  let current: MusiqueSession | undefined;

  const service: ServiceStatus = {
    async check(session) {
      current = session;
      const next: MusiqueServiceStatus = { ...status };
      delete next.error;
      try {
        if (infoFor !== session.routes.root || !next.info) {
          next.info = await session.api.info();
          infoFor = session.routes.root;
        }
        next.health = await session.api.health();
        if (session.routes.limits) options.onLimits?.(await session.api.limits());
        failure = undefined;
      } catch (error) {
        if (!isAppError(error)) throw error;
        next.error = error.shape;
        failure = error.shape;
      }
      next.checkedAt = new Date(now()).toISOString();
      status = next;
      service.publish(session);
      return status;
    },
    last: () => status,
    record(error) {
      if (error === undefined) {
        if (failure) {
          failure = undefined;
          service.publish(current);
        }
        return;
      }
      if (transportCodes.has(error.code) || (error.status ?? 0) >= 500) {
        failure = error;
        service.publish(current);
      }
    },
    publish(session) {
      current = session;
      options.connection.report('musique', connectionFor(session, status, failure));
    },
    reset() {
      status = {};
      infoFor = undefined;
      failure = undefined;
    },
  };
  return service;
}
