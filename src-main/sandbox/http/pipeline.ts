import type { IncomingMessage, ServerResponse } from 'node:http';
import { isoAt } from '../clock.ts';
import { newRequestId } from '../ids.ts';
import { SandboxApiError, type Reply } from './reply.ts';
import { normalizePath, type RouteTable } from './route-table.ts';
import { writeReply, type Delivery } from './write-reply.ts';

export type ServiceName = 'queye' | 'musique';

export interface RequestContext {
  readonly service: ServiceName;
  readonly req: IncomingMessage;
  readonly method: string;
  /** Normalised path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly requestId: string;
  /** `http://127.0.0.1:<port>` of the listener that took the call. */
  readonly origin: string;
  params: Record<string, string>;
  /** Who made the call, once the service knows (the Musique token), for its usage logs. */
  principal?: string;
  /** Headers for whatever the answer turns out to be, error or not (rate-limit headers). */
  extraHeaders: Record<string, string>;
  /** Sends `100 Continue` to a client that waits for it before sending its body. */
  readonly acceptBody: () => void;
  /** Aborted when the sandbox closes. */
  readonly signal: AbortSignal;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface ServiceDefinition {
  name: ServiceName;
  routes: RouteTable<Handler>;
  /** Renders an error in this service's envelope. */
  errorReply(error: SandboxApiError): Reply;
  /** This service's "slow down" error (`429`, with `Retry-After`), for injected storms. */
  rateLimitError(retryAfterSec: number): SandboxApiError;
  /** Last touch on every reply of a service route (Musique wraps `{data, timestamp}`). */
  finish?(ctx: RequestContext, reply: Reply): Reply;
  /** Called when the response is over (Musique usage logs). */
  completed?(ctx: RequestContext, outcome: { status: number; durationMs: number }): void;
}

export interface FaultOutcome {
  reply: Reply;
  delivery: Delivery;
  /** The kind of fault applied, for the request log. */
  fault?: string;
}

export interface FaultHook {
  /** Runs `route` for this request, or not, under whatever fault matches it. */
  run(
    ctx: RequestContext,
    service: ServiceDefinition,
    route: () => Promise<Reply>,
  ): Promise<FaultOutcome>;
}

export interface RequestLogEntry {
  at: string;
  service: ServiceName;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  requestId: string;
  /** The injected fault that shaped this answer. */
  fault?: string;
  /** The response did not finish (client went away, or an injected reset). */
  aborted?: boolean;
  /** An unexpected exception (answered 500): a sandbox bug, worth a look. */
  error?: string;
}

export interface PipelineDeps {
  faults: FaultHook;
  control(ctx: RequestContext): Promise<Reply>;
  log(entry: RequestLogEntry): void;
  now(): number;
  closing: AbortSignal;
}

export const controlPrefix = '/__control';

function requestUrl(raw: string | undefined): URL {
  const base = 'http://sandbox.invalid';
  try {
    // Origin-form targets are glued on rather than resolved, so `//x/y` stays a path.
    return raw?.startsWith('/') ? new URL(base + raw) : new URL(raw ?? '/', base);
  } catch {
    return new URL(base);
  }
}

async function runRoute(service: ServiceDefinition, ctx: RequestContext): Promise<Reply> {
  try {
    const match = service.routes.match(ctx.method, ctx.path);
    if (match.kind === 'not_found') {
      throw new SandboxApiError(404, 'not_found', `No such endpoint: ${ctx.method} ${ctx.path}`);
    }
    if (match.kind === 'method_not_allowed') {
      throw new SandboxApiError(405, 'method_not_allowed', `${ctx.method} is not allowed here.`, {
        headers: { allow: match.allowed.join(', ') },
      });
    }
    ctx.params = match.params;
    const reply = await match.handler(ctx);
    return service.finish ? service.finish(ctx, reply) : reply;
  } catch (error) {
    if (error instanceof SandboxApiError) return service.errorReply(error);
    throw error;
  }
}

/** The request handler of one listener: request IDs, control routes, faults, logging. */
export function createPipeline(
  service: ServiceDefinition,
  deps: PipelineDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = newRequestId();
    const url = requestUrl(req.url);
    const address = req.socket.address();
    const port = 'port' in address ? address.port : 0;
    let continued = false;
    const ctx: RequestContext = {
      service: service.name,
      req,
      method: (req.method ?? 'GET').toUpperCase(),
      path: normalizePath(url.pathname),
      query: url.searchParams,
      requestId,
      origin: `http://127.0.0.1:${port}`,
      params: {},
      extraHeaders: {},
      acceptBody() {
        if (continued || !/100-continue/i.test(req.headers.expect ?? '')) return;
        continued = true;
        res.writeContinue();
      },
      signal: deps.closing,
    };
    const isControl = ctx.path === controlPrefix || ctx.path.startsWith(`${controlPrefix}/`);
    let outcome: FaultOutcome | undefined;
    let error: string | undefined;
    let closed = false;
    // Logged once the answer is known *and* the connection is done with — in either order: a
    // client may hang up before a slow handler finishes, and what the handler did still counts.
    const record = () => {
      if (isControl || !closed || !outcome) return;
      const status = outcome.reply.status;
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      deps.log({
        at: isoAt(deps.now()),
        service: service.name,
        method: ctx.method,
        path: ctx.path,
        query: url.search,
        status,
        durationMs,
        requestId,
        ...(outcome.fault ? { fault: outcome.fault } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
        ...(error ? { error } : {}),
      });
      service.completed?.(ctx, { status, durationMs });
    };
    res.once('close', () => {
      closed = true;
      record();
    });
    try {
      outcome = isControl
        ? { reply: await deps.control(ctx), delivery: { kind: 'normal' } }
        : await deps.faults.run(ctx, service, () => runRoute(service, ctx));
    } catch (cause) {
      error = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
      const internal = new SandboxApiError(
        500,
        'internal_error',
        'The sandbox failed unexpectedly.',
      );
      outcome = { reply: service.errorReply(internal), delivery: { kind: 'normal' } };
    }
    const { reply, delivery } = outcome;
    Object.assign(reply.headers, ctx.extraHeaders, { 'x-request-id': requestId });
    record();
    await writeReply(req, res, reply, deps.closing, delivery);
  }

  return (req, res) => {
    handle(req, res).catch(() => {
      // Only reachable when the socket died under us; there is nobody left to answer.
      if (!res.destroyed) res.destroy();
    });
  };
}
