import type { Logger } from '../log/logger.ts';
import { problemFromError, streamProblem, type StreamProblem } from './stream-problem.ts';
import type { StreamGrant, StreamTokenCache } from './stream-token-cache.ts';

export interface TrackStreamDeps {
  tokens: StreamTokenCache;
  fetch: typeof fetch;
  log: Logger;
  /** How long the upstream may take to send its headers (the body then flows at its pace). */
  headersTimeoutMs?: number;
}

export type OpenedStream =
  /** The upstream's 200, 206 or 416, body unread. */
  { ok: true; response: Response } | { ok: false; problem: StreamProblem };

interface UpstreamFailure {
  code?: string;
  requestId?: string;
}

/** The error code and request ID of a refused stream request (its body is a small JSON). */
async function readFailure(response: Response): Promise<UpstreamFailure> {
  const header = response.headers.get('x-request-id') ?? undefined;
  try {
    const body = (await response.json()) as { error?: Record<string, unknown> };
    const code = body.error?.code;
    const fromBody = body.error?.request_id ?? body.error?.requestId;
    return {
      code: typeof code === 'string' ? code : undefined,
      requestId: header ?? (typeof fromBody === 'string' ? fromBody : undefined),
    };
  } catch {
    return { requestId: header };
  }
}

async function fetchHeaders(
  deps: TrackStreamDeps,
  url: string,
  init: { range?: string; signal?: AbortSignal },
): Promise<Response> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException('timeout', 'TimeoutError')),
    deps.headersTimeoutMs ?? 15_000,
  );
  try {
    return await deps.fetch(url, {
      headers: init.range ? { range: init.range } : {},
      signal: init.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens the upstream stream of a track with a cached token, forwarding `range`. A `401/403`
 * means the token died (expired, revoked): it is dropped, a new one issued, and the request
 * made once more — a second refusal is reported, never looped on.
 */
export async function openTrackStream(
  deps: TrackStreamDeps,
  trackId: number,
  init: { range?: string; signal?: AbortSignal },
): Promise<OpenedStream> {
  for (let attempt = 1; ; attempt++) {
    let grant: StreamGrant;
    try {
      grant = await deps.tokens.get(trackId);
    } catch (error) {
      const problem = problemFromError(error, trackId);
      deps.log.warn(
        {
          trackId,
          reason: problem.reason,
          code: problem.error.code,
          requestId: problem.error.requestId,
        },
        'no stream token',
      );
      return { ok: false, problem };
    }
    let response: Response;
    try {
      response = await fetchHeaders(deps, grant.url, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const problem = streamProblem('network', trackId);
      deps.log.warn(
        { trackId, err: error, reference: problem.error.requestId },
        'stream request failed',
      );
      return { ok: false, problem };
    }
    if (response.status === 200 || response.status === 206 || response.status === 416) {
      return { ok: true, response };
    }
    const failure = await readFailure(response);
    const refused = response.status === 401 || response.status === 403;
    if (refused) deps.tokens.invalidate(trackId, grant);
    if (refused && attempt === 1) {
      deps.log.info(
        { trackId, status: response.status, code: failure.code, requestId: failure.requestId },
        'stream token refused; issuing a new one',
      );
      continue;
    }
    const reason = response.status === 404 ? 'not-found' : refused ? 'no-access' : 'upstream';
    const problem = streamProblem(reason, trackId, { status: response.status, ...failure });
    deps.log.warn(
      { trackId, status: response.status, code: failure.code, requestId: problem.error.requestId },
      'stream refused upstream',
    );
    return { ok: false, problem };
  }
}
