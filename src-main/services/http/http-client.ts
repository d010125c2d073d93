import type { Logger } from '../log/logger.ts';
import { backoffDelay, defaultRetry, parseRetryAfter, sleep, type RetryPolicy } from './retry.ts';
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

  async function attempt<T>(request: HttpRequest): Promise<HttpResult<T>> {
    const linked = linkedSignal(request.signal, request.timeoutMs ?? options.timeoutMs ?? 15_000);
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
      if (request.signal?.aborted) throw error;
      throw fail({ service: options.service, status: 0, code: transportCode(error) }, error);
    }
    options.onResponse?.(response);
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

  return {
    service: options.service,
    async request<T>(request: HttpRequest) {
      const idempotent = request.idempotent ?? (request.method ?? 'GET') === 'GET';
      for (let index = 0; ; index++) {
        try {
          return await attempt<T>(request);
        } catch (error) {
          const upstream = error instanceof UpstreamError ? error : undefined;
          const retryable =
            upstream !== undefined &&
            idempotent &&
            index + 1 < policy.attempts &&
            (upstream.status === 0 ||
              upstream.info.code === 'malformed_response' ||
              // The body broke off after the headers arrived: the status says 200, but no answer.
              upstream.info.code === 'connection_reset' ||
              upstream.info.code === 'timeout' ||
              retryableStatus.has(upstream.status));
          if (!retryable) throw error;
          const delay = backoffDelay(policy, index, upstream.info.retryAfterMs);
          options.log.warn(
            {
              service: options.service,
              url: request.url.replace(/\?.*$/, ''),
              status: upstream.status,
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
