import type { Handler, RequestContext } from '../http/pipeline.ts';
import { SandboxApiError, type Reply } from '../http/reply.ts';
import type { Component } from './health.ts';
import type { MusiqueRuntime } from './runtime.ts';
import type { MusiqueToken, Permission } from './tokens.ts';

export interface GuardOptions {
  /** Needed permission; none for info, health, test, logs and limits. */
  permission?: Permission;
  /** Components that must not be down (the database always must, except for health). */
  needs?: Component[];
}

export function rateLimited(
  retryAfterSec: number,
  headers: Record<string, string> = {},
): SandboxApiError {
  return new SandboxApiError(
    429,
    'rate_limit_exceeded',
    `Rate limit exceeded. Retry after ${retryAfterSec} s.`,
    {
      details: { retryAfter: retryAfterSec },
      headers: { ...headers, 'retry-after': String(retryAfterSec) },
    },
  );
}

/**
 * Wraps a Musique route: authenticate `X-API-Key`, count the call against the token's rate
 * windows (headers go on whatever the answer is, errors included), bring scheduled sends up to
 * the sandbox clock, refuse when a needed component is down, then check the permission.
 */
export function guarded(
  rt: MusiqueRuntime,
  options: GuardOptions,
  handler: (ctx: RequestContext, token: MusiqueToken) => Reply | Promise<Reply>,
): Handler {
  return (ctx) => {
    const { state, clock } = rt;
    const token = state.tokens.authenticate(ctx.req.headers);
    ctx.principal = token.token;
    const now = clock.now();
    const rate = state.limiter.hit(token.token, now);
    Object.assign(ctx.extraHeaders, rate.headers);
    if (!rate.allowed) throw rateLimited(rate.retryAfterSec, rate.headers);
    state.sends.settle(now, state.audio);
    for (const component of options.needs ?? ['database']) {
      if (state.health[component] === 'down') {
        throw new SandboxApiError(
          503,
          'service_unavailable',
          `The Musique ${component} is unavailable; try again later.`,
          {
            headers: { 'retry-after': '30' },
          },
        );
      }
    }
    if (options.permission && !token.permissions.includes(options.permission)) {
      throw new SandboxApiError(
        403,
        'insufficient_permissions',
        `This API token lacks the ${options.permission} permission.`,
      );
    }
    return handler(ctx, token);
  };
}
