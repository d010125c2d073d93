import type { Logger } from '../log/logger.ts';
import {
  backoffDelay,
  defaultRetry,
  interactiveBudgetMs,
  interactiveWaitMs,
  parseRetryAfter,
  sleep,
  type RequestPriority,
  type RetryPolicy,
} from './retry.ts';
import { tryAgainAt } from './retry-later.ts';
import {
  UpstreamError,
  describeGeneric,
  type Describe,
  type FailureInfo,
  type ServiceName,
} from './upstream-error.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method?: Method;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON with the matching content type. */
  json?: unknown;
  /** A raw body (multipart streams and the like). */
  body?: RequestInit['body'];
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Whether a failed attempt may be repeated. Defaults to true for GET only: a POST whose
   * outcome is unknown must never be resent blindly.
   */
  idempotent?: boolean;
  /** Expect no JSON body (e.g. streaming); the raw Response is returned in `response`. */
  raw?: boolean;
  /** Who waits for the answer (default interactive): see `RequestPriority`. */
  priority?: RequestPriority;
  /** Everything this call may spend, retries included (interactive default 20 s). */
  budgetMs?: number;
}

/**
 * Admission control in front of every attempt (Musique's rate-limit governor). `admit` waits
 * until the attempt may go out, or throws when an interactive call would have to wait too long.
 */
export interface RequestGate {
  admit(request: HttpRequest, signal?: AbortSignal): Promise<void>;
  /** The attempt is over (answered or not); `response` when headers arrived. */
  settle(request: HttpRequest, response?: Response): void;
  /** The server asked for nothing more until then (`Retry-After`). */
  block(untilMs: number): void;
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  data: T;
  requestId?: string;
  /** Only for `raw` requests. */
  response?: Response;
}

export interface HttpClientOptions {
  service: ServiceName;
  fetch?: typeof fetch;
  log: Logger;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Musique may wrap answers as `{data, timestamp}`; unwrap when present. */
  unwrapEnvelope?: boolean;
  /** Service-specific wording; falls back to the generic catalogue. */
  describe?: (info: FailureInfo) => { message: string; action: string } | undefined;
  /** Sees every response (rate-limit headers and the like). */
  onResponse?: (response: Response) => void;
  gate?: RequestGate;
  /** The clock budgets and "try again at" times are read from (tests use the sandbox's). */
  now?: () => number;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResult<T>>;
  readonly service: ServiceName;
}

const retryableStatus = new Set([408, 425, 429, 500, 502, 503, 504]);

function requestIdOf(response: Response, body: unknown): string | undefined {
  const header = response.headers.get('x-request-id');
  if (header) return header;
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const fromBody = error?.request_id ?? error?.requestId;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

/** Failures that happen before a connection exists: the request provably never left. */
const beforeSending = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function neverLeft(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  return code !== undefined && beforeSending.has(code);
}

function transportCode(error: unknown): FailureInfo['code'] {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.message === 'timeout'))
    return 'timeout';
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection_reset';
  return 'network_error';
}

/**
 * The caller's signal plus a timeout, without `AbortSignal.any`/`AbortSignal.timeout`: those
 * cost measurably per request in a 500-page sync and keep their signals alive until GC.
 */
function linkedSignal(parent: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    ms,
  );
  timer.unref?.();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch = options.fetch ?? fetch;
  const policy = options.retry ?? defaultRetry;
  const wait = policy.sleep ?? sleep;
  const describe: Describe = (info) => options.describe?.(info) ?? describeGeneric(info);
  const fail = (info: FailureInfo, cause?: unknown) =>
    new UpstreamError(info, describe(info), cause);

  async function attempt<T>(request: HttpRequest, timeoutMs: number): Promise<HttpResult<T>> {
    const linked = linkedSignal(request.signal, timeoutMs);
    try {
      const result = await attemptWith<T>(request, linked.signal);
      // A raw body is still streaming: the timeout keeps guarding it, as before.
      if (!result.response) linked.done();
      return result;
    } catch (error) {
      linked.done();
      throw error;
    }
  }

  async function attemptWith<T>(request: HttpRequest, signal: AbortSignal): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body = request.body;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: request.method ?? 'GET',
        headers,
        body,
        signal,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      });
    } catch (error) {
      options.gate?.settle(request);
      if (request.signal?.aborted) throw error;
      throw fail(
        {
          service: options.service,
          status: 0,
          code: transportCode(error),
          ...(neverLeft(error) ? { notSent: true } : {}),
        },
        error,
      );
    }
    options.onResponse?.(response);
    options.gate?.settle(request, response);
    if (request.raw && response.ok) {
      return {
        status: response.status,
        headers: response.headers,
        data: undefined as T,
        requestId: response.headers.get('x-request-id') ?? undefined,
        response,
      };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw fail(
        {
          service: options.service,
          status: response.status,
          code: transportCode(error),
          requestId: response.headers.get('x-request-id') ?? undefined,
        },
        error,
      );
    }
    let parsed: unknown;
    let malformed = false;
    if (text.length) {
      try {
        parsed = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }
    const requestId = requestIdOf(response, parsed);
    if (!response.ok) {
      const error = (parsed as { error?: Record<string, unknown> } | undefined)?.error;
      const retryAfterMs =
        parseRetryAfter(response.headers.get('retry-after')) ??
        (typeof error?.retryAfter === 'number' ? error.retryAfter * 1000 : undefined);
      throw fail({
        service: options.service,
        status: response.status,
        code: typeof error?.code === 'string' ? error.code : `http_${response.status}`,
        upstreamMessage: typeof error?.message === 'string' ? error.message : undefined,
        requestId,
        retryAfterMs,
        body: parsed,
      });
    }
    if (malformed) {
      throw fail({
        service: options.service,
        status: response.status,
        code: 'malformed_response',
        requestId,
      });
    }
    let data = parsed;
    if (
      options.unwrapEnvelope !== false &&
      data &&
      typeof data === 'object' &&
      !Array.isArray(data) &&
      'data' in data &&
      'timestamp' in data
    ) {
      data = (data as { data: unknown }).data;
    }
    return { status: response.status, headers: response.headers, data: data as T, requestId };
  }

  const now = options.now ?? Date.now;

  /** A refusal that ends at a known time, worded for someone who should come back then. */
  const retryLater = (upstream: UpstreamError, waitMs: number) => {
    const info = { ...upstream.info, retryAfterMs: waitMs };
    return new UpstreamError(
      info,
      { message: describe(info).message, action: tryAgainAt(now() + waitMs) },
      upstream,
    );
  };

  return {
    service: options.service,
    async request<T>(request: HttpRequest) {
      const idempotent = request.idempotent ?? (request.method ?? 'GET') === 'GET';
      const interactive = (request.priority ?? 'interactive') === 'interactive';
      const started = now();
      const budget = request.budgetMs ?? (interactive ? interactiveBudgetMs : Infinity);
      const perAttempt = request.timeoutMs ?? options.timeoutMs ?? 15_000;
      for (let index = 0; ; index++) {
        let admitted = false;
        try {
          await options.gate?.admit(request, request.signal);
          admitted = true;
          // The first attempt gets its full timeout; a retry only what the budget has left.
          const left = budget - (now() - started);
          return await attempt<T>(request, index === 0 ? perAttempt : Math.min(perAttempt, left));
        } catch (error) {
          const upstream = error instanceof UpstreamError ? error : undefined;
          if (!upstream || !admitted) throw error;
          const status = upstream.status;
          const retryAfterMs = upstream.info.retryAfterMs;
          // A rate refusal holds every call back; a 503's Retry-After only this one's retry
          // (messaging down must not stop the library from loading).
          if (retryAfterMs !== undefined && status === 429)
            options.gate?.block(now() + retryAfterMs);
          // A 429 is a refusal before anything happened, and a request that never left cannot
          // have done anything: both are safe to repeat whatever the method. Anything else
          // only for idempotent requests.
          // A streamed body is spent after one attempt; its owner decides what to do.
          const replayable = !(request.body instanceof ReadableStream);
          const safe =
            replayable && (idempotent || status === 429 || upstream.info.notSent === true);
          const retryable =
            safe &&
            (status === 0 ||
              upstream.info.code === 'malformed_response' ||
              // The body broke off after the headers arrived: the status says 200, but no answer.
              upstream.info.code === 'connection_reset' ||
              upstream.info.code === 'timeout' ||
              retryableStatus.has(status));
          if (!retryable) throw error;
          // Somebody is waiting: say when it will work rather than block them for a minute.
          if (interactive && retryAfterMs !== undefined && retryAfterMs > interactiveWaitMs)
            throw retryLater(upstream, retryAfterMs);
          if (index + 1 >= policy.attempts) throw error;
          const delay = backoffDelay(policy, index, retryAfterMs);
          if (now() - started + delay >= budget) throw error;
          options.log.warn(
            {
              service: options.service,
              url: request.url.replace(/\?.*$/, ''),
              status,
              code: upstream.info.code,
              requestId: upstream.info.requestId,
              delay,
            },
            'retrying request',
          );
          await wait(delay, request.signal);
        }
      }
    },
  };
}
