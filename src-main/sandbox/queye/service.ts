import { isoAt } from '../clock.ts';
import type { Handler, ServiceDefinition } from '../http/pipeline.ts';
import { SandboxApiError, jsonReply } from '../http/reply.ts';
import { createRouteTable } from '../http/route-table.ts';
import { artworkRoutes } from './artwork.ts';
import { authRoutes } from './auth-routes.ts';
import { queyeErrorReply } from './errors.ts';
import { libraryRoutes } from './library-routes.ts';
import type { QueyeRuntime } from './runtime.ts';
import { streamRoutes } from './stream-routes.ts';
import { userRoutes } from './user-routes.ts';

/**
 * HTTPS on every endpoint, as the seed says. The sandbox itself speaks plain HTTP on loopback
 * (where the client allows it); a request that says it reached a TLS-terminating proxy over
 * plain HTTP (`X-Forwarded-Proto: http`) is refused the way the real service refuses one.
 */
function httpsOnly(handler: Handler): Handler {
  return (ctx) => {
    const header = ctx.req.headers['x-forwarded-proto'];
    const proto = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (proto && proto.toLowerCase() !== 'https') {
      throw new SandboxApiError(400, 'https_required', 'HTTPS is required on every endpoint.');
    }
    return handler(ctx);
  };
}

/** The Queye Music API under `/v1`, plus the artwork "CDN" path. */
export function queyeService(rt: QueyeRuntime): ServiceDefinition {
  const routes = createRouteTable<Handler>();
  const health: Record<string, Handler> = {
    'GET /v1/health': () =>
      jsonReply(200, { status: 'ok', version: '1.0.0', time: isoAt(rt.clock.now()) }),
  };
  for (const table of [
    health,
    authRoutes(rt),
    libraryRoutes(rt),
    streamRoutes(rt),
    userRoutes(rt),
    artworkRoutes(rt),
  ]) {
    for (const [route, handler] of Object.entries(table)) routes.add(route, httpsOnly(handler));
  }
  return {
    name: 'queye',
    routes,
    errorReply: queyeErrorReply,
    rateLimitError: (retryAfterSec) =>
      new SandboxApiError(
        429,
        'rate_limited',
        `Too many requests. Retry after ${retryAfterSec} s.`,
        {
          headers: { 'retry-after': String(retryAfterSec) },
        },
      ),
  };
}
