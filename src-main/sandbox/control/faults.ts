import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultHook, ServiceName } from '../http/pipeline.ts';
import { SandboxApiError, badRequest, type Reply } from '../http/reply.ts';
import { splitPath } from '../http/route-table.ts';

/**
 * An injected fault. It applies to requests whose service, method and path match:
 * - `path` is matched segment by segment against the request path (query ignored, trailing
 *   slash ignored, case-sensitive): a literal segment must be equal, `*` matches exactly one
 *   segment, and a final `**` matches any rest, including nothing. `/v1/library/**` covers every
 *   library call; `/api/v1/integration/audio/*\/send` every v1 send. Default `**` (everything).
 * - `service` defaults to both; `method` to any.
 * - Faults are tried in the order they were added; the first match wins. A fault lets the first
 *   `skip` matching requests that reach it pass (one taken by an earlier fault never reaches it),
 *   then applies `times` times (default: until cleared).
 */
export type FaultKind =
  'status' | 'delay' | 'slowBody' | 'reset' | 'malformedJson' | 'rateLimitStorm';

export type FaultSpec = {
  service?: ServiceName | 'any';
  method?: string;
  path?: string;
  times?: number;
  skip?: number;
  /** Run the real handler first, so its effects happen (a send is accepted), then: `status`
   * fails anyway, `reset` (without `afterBytes`) hangs up, `delay` holds the answer back. The
   * client cannot know the outcome — what a timeout or a lost connection after the fact means. */
  runHandler?: boolean;
} &
  /** Answer this status with the service's own error envelope. */
  (
    | { kind: 'status'; status: number; code?: string; message?: string }
    /** Hold the request this long, then handle it normally (a timeout when long enough); with
     * `runHandler`, handle it at once and hold the answer instead. */
    | { kind: 'delay'; ms: number }
    /** Handle normally but trickle the body out at this rate. */
    | { kind: 'slowBody'; bytesPerSec: number }
    /** Handle normally, send the headers and `afterBytes` of the body, then reset the connection.
     * Without `afterBytes`, reset before any answer. */
    | { kind: 'reset'; afterBytes?: number }
    /** Handle normally but cut the JSON body in half. */
    | { kind: 'malformedJson' }
    /** Answer `429` with `Retry-After` (and the rate-limit headers on Musique). */
    | { kind: 'rateLimitStorm'; retryAfterSec?: number }
  );

export type FaultState = FaultSpec & { id: string; applied: number; skipped: number };

export interface FaultRegistry extends FaultHook {
  add(spec: FaultSpec): FaultState;
  clear(id?: string): void;
  list(): FaultState[];
}

export function pathMatches(pattern: string, path: string): boolean {
  const want = splitPath(pattern);
  const got = splitPath(path);
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment === '**' && i === want.length - 1) return true;
    if (i >= got.length || (segment !== '*' && segment !== got[i])) return false;
  }
  return want.length === got.length;
}

const defaultCodes: Record<number, string> = {
  400: 'invalid_request',
  404: 'not_found',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

function statusError(
  service: ServiceName,
  spec: { status: number; code?: string; message?: string },
): SandboxApiError {
  const auth = service === 'queye' ? 'invalid_access_token' : 'invalid_token';
  const forbidden = service === 'queye' ? 'insufficient_scope' : 'insufficient_permissions';
  const code =
    spec.code ??
    (spec.status === 401
      ? auth
      : spec.status === 403
        ? forbidden
        : (defaultCodes[spec.status] ?? `http_${spec.status}`));
  return new SandboxApiError(
    spec.status,
    code,
    spec.message ?? `Injected fault: HTTP ${spec.status}.`,
  );
}

function discard(reply: Reply): void {
  const body = reply.body;
  if (body && 'destroy' in body) body.destroy();
}

export function createFaultRegistry(): FaultRegistry {
  let faults: FaultState[] = [];
  let counter = 0;

  function take(service: ServiceName, method: string, path: string): FaultState | undefined {
    for (const fault of faults) {
      if (fault.service && fault.service !== 'any' && fault.service !== service) continue;
      if (fault.method && fault.method.toUpperCase() !== method) continue;
      if (!pathMatches(fault.path ?? '**', path)) continue;
      if (fault.skipped < (fault.skip ?? 0)) {
        fault.skipped++;
        continue;
      }
      fault.applied++;
      if (fault.times !== undefined && fault.applied >= fault.times)
        faults = faults.filter((f) => f !== fault);
      return fault;
    }
    return undefined;
  }

  return {
    add(spec) {
      const state: FaultState = {
        ...checkFault(spec),
        id: `flt_${++counter}`,
        applied: 0,
        skipped: 0,
      };
      faults.push(state);
      return { ...state };
    },
    clear(id) {
      faults = id === undefined ? [] : faults.filter((fault) => fault.id !== id);
    },
    list: () => faults.map((fault) => ({ ...fault })),
    async run(ctx, service, route) {
      const fault = take(service.name, ctx.method, ctx.path);
      if (!fault) return { reply: await route(), delivery: { kind: 'normal' } };
      const applied = { fault: fault.kind };
      switch (fault.kind) {
        case 'delay': {
          const early = fault.runHandler ? await route() : undefined;
          await sleep(fault.ms, undefined, { signal: ctx.signal });
          return { reply: early ?? (await route()), delivery: { kind: 'normal' }, ...applied };
        }
        case 'status': {
          if (fault.runHandler) discard(await route());
          const error =
            fault.status === 429 ? service.rateLimitError(1) : statusError(service.name, fault);
          return { reply: service.errorReply(error), delivery: { kind: 'normal' }, ...applied };
        }
        case 'rateLimitStorm':
          return {
            reply: service.errorReply(service.rateLimitError(fault.retryAfterSec ?? 1)),
            delivery: { kind: 'normal' },
            ...applied,
          };
        case 'slowBody':
          return {
            reply: await route(),
            delivery: { kind: 'slow', bytesPerSec: fault.bytesPerSec },
            ...applied,
          };
        case 'reset': {
          if (fault.afterBytes !== undefined) {
            return {
              reply: await route(),
              delivery: { kind: 'reset', afterBytes: fault.afterBytes },
              ...applied,
            };
          }
          if (fault.runHandler) discard(await route());
          return { reply: { status: 0, headers: {} }, delivery: { kind: 'reset' }, ...applied };
        }
        case 'malformedJson':
          return { reply: await route(), delivery: { kind: 'malformed' }, ...applied };
      }
    },
  };
}

function optionalInteger(
  value: unknown,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`Fault ${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Validates a fault (it may come from the HTTP control surface as untrusted JSON). */
export function checkFault(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw badRequest('A fault must be an object.');
  const raw = input as Record<string, unknown>;
  const base = {
    ...(raw.service !== undefined ? { service: raw.service as ServiceName | 'any' } : {}),
    ...(raw.method !== undefined
      ? { method: (typeof raw.method === 'string' ? raw.method : '').toUpperCase() }
      : {}),
    ...(raw.path !== undefined ? { path: typeof raw.path === 'string' ? raw.path : '' } : {}),
  };
  if (base.service !== undefined && !['queye', 'musique', 'any'].includes(base.service)) {
    throw badRequest('Fault service must be queye, musique or any.');
  }
  if (base.path !== undefined && !base.path.startsWith('/'))
    throw badRequest('Fault path must start with "/".');
  const times = optionalInteger(raw.times, 'times', 1, 1e9);
  const skip = optionalInteger(raw.skip, 'skip', 0, 1e9);
  const common = {
    ...base,
    ...(times !== undefined ? { times } : {}),
    ...(skip !== undefined ? { skip } : {}),
    ...(raw.runHandler === true ? { runHandler: true } : {}),
  };
  switch (raw.kind) {
    case 'status': {
      const status = optionalInteger(raw.status, 'status', 400, 599);
      if (status === undefined) throw badRequest('A status fault needs a status from 400 to 599.');
      return {
        ...common,
        kind: 'status',
        status,
        ...(typeof raw.code === 'string' ? { code: raw.code } : {}),
        ...(typeof raw.message === 'string' ? { message: raw.message } : {}),
      };
    }
    case 'delay':
      return { ...common, kind: 'delay', ms: optionalInteger(raw.ms, 'ms', 0, 600_000) ?? 0 };
    case 'slowBody': {
      const bytesPerSec = optionalInteger(raw.bytesPerSec, 'bytesPerSec', 1, 1e9);
      if (bytesPerSec === undefined) throw badRequest('A slowBody fault needs bytesPerSec.');
      return { ...common, kind: 'slowBody', bytesPerSec };
    }
    case 'reset': {
      const afterBytes = optionalInteger(raw.afterBytes, 'afterBytes', 0, 1e12);
      return { ...common, kind: 'reset', ...(afterBytes !== undefined ? { afterBytes } : {}) };
    }
    case 'malformedJson':
      return { ...common, kind: 'malformedJson' };
    case 'rateLimitStorm': {
      const retryAfterSec = optionalInteger(raw.retryAfterSec, 'retryAfterSec', 1, 86_400);
      return {
        ...common,
        kind: 'rateLimitStorm',
        ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
      };
    }
    default:
      throw badRequest(
        'Fault kind must be status, delay, slowBody, reset, malformedJson or rateLimitStorm.',
      );
  }
}
