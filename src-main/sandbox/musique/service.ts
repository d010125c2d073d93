import { isoAt } from '../clock.ts';
import { createRouteTable } from '../http/route-table.ts';
import type { Handler, ServiceDefinition } from '../http/pipeline.ts';
import { audioRoutes } from './audio-routes.ts';
import { musiqueErrorReply } from './errors.ts';
import { rateLimited } from './guard.ts';
import type { MusiqueRuntime } from './runtime.ts';
import { sendRoutes } from './send-routes.ts';
import { systemRoutes } from './system-routes.ts';
import { tokenRoutes } from './token-routes.ts';

/** The Musique Partner API: v1 and legacy route sets on one host. */
export function musiqueService(rt: MusiqueRuntime): ServiceDefinition {
  const routes = createRouteTable<Handler>();
  for (const table of [systemRoutes(rt), tokenRoutes(rt), audioRoutes(rt), sendRoutes(rt)]) {
    for (const [route, handler] of Object.entries(table)) routes.add(route, handler);
  }
  return {
    name: 'musique',
    routes,
    errorReply: musiqueErrorReply,
    rateLimitError(retryAfterSec) {
      const limit = rt.state.limiter.usage('', rt.clock.now()).limits.perMinute;
      return rateLimited(retryAfterSec, {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(rt.clock.now() / 1000) + retryAfterSec),
      });
    },
    finish(_ctx, reply) {
      if (!rt.state.envelope || reply.status >= 400 || reply.json === undefined) return reply;
      return { ...reply, json: { data: reply.json, timestamp: isoAt(rt.clock.now()) } };
    },
    completed(ctx, outcome) {
      if (!ctx.principal) return;
      rt.state.usage.record(ctx.principal, {
        atMs: rt.clock.now(),
        method: ctx.method,
        endpoint: ctx.path,
        status: outcome.status,
        durationMs: outcome.durationMs,
        requestId: ctx.requestId,
      });
    },
  };
}
