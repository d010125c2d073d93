import type { Readable } from 'node:stream';

/**
 * What a handler answers. Handlers return replies instead of writing to the socket so the
 * pipeline can still add headers, wrap the Musique envelope and apply injected faults (slow
 * bodies, resets, malformed JSON) in one place.
 */
export interface Reply {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** A JSON value, serialised only when written. */
  json?: unknown;
  /** A raw body; a stream must come with `length` so Content-Length is exact. */
  body?: Buffer | Readable;
  length?: number;
}

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { ...headers }, json: value };
}

/** A failure the service reports with its own error envelope. */
export class SandboxApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra fields inside the `error` object (e.g. `request_id`, `unknown`, `retryAfter`). */
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'SandboxApiError';
    this.status = status;
    this.code = code;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }
}

export function badRequest(message: string): SandboxApiError {
  return new SandboxApiError(400, 'invalid_request', message);
}

export function notFound(message: string): SandboxApiError {
  return new SandboxApiError(404, 'not_found', message);
}
