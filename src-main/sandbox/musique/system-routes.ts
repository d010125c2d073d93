import { isoAt } from '../clock.ts';
import type { Handler } from '../http/pipeline.ts';
import { jsonReply } from '../http/reply.ts';
import { guarded } from './guard.ts';
import { overallStatus } from './health.ts';
import type { MusiqueRuntime } from './runtime.ts';
import { parseUsageQuery } from './usage-log.ts';

export const musiqueVersion = '1.4.2';

/** Info, health (both profiles), and the legacy-only usage logs and limits. */
export function systemRoutes(rt: MusiqueRuntime): Record<string, Handler> {
  const info = guarded(rt, {}, () =>
    jsonReply(200, {
      name: 'Musique Partner API',
      version: musiqueVersion,
      docs: 'https://docs.musique.app',
    }),
  );
  // Health answers even when everything is down (that is its job): 503 when the status is down.
  const health = guarded(rt, { needs: [] }, () => {
    const status = overallStatus(rt.state.health);
    return jsonReply(status === 'down' ? 503 : 200, {
      status,
      version: musiqueVersion,
      timestamp: isoAt(rt.clock.now()),
      services: { ...rt.state.health },
    });
  });
  return {
    'GET /api/v1/integration': info,
    'GET /api/integration': info,
    'GET /api/v1/integration/health': health,
    'GET /api/integration/health': health,
    'GET /api/integration/logs': guarded(rt, {}, (ctx, token) => {
      const filter = parseUsageQuery(ctx.query);
      const { items, total } = rt.state.usage.query(token.token, filter, rt.clock.now());
      return jsonReply(200, {
        items: items.map((entry) => ({
          timestamp: isoAt(entry.atMs),
          method: entry.method,
          endpoint: entry.endpoint,
          status: entry.status,
          durationMs: entry.durationMs,
          requestId: entry.requestId,
        })),
        page: filter.page,
        limit: filter.limit,
        total,
      });
    }),
    'GET /api/integration/limits': guarded(rt, {}, (_ctx, token) =>
      jsonReply(200, rt.state.limiter.usage(token.token, rt.clock.now())),
    ),
  };
}
