import type { ApiErrorShape } from '../../src-preload/contract/define.ts';

/** A failed call, as the renderer handles it: the shape main sent, as an Error. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: string;
  readonly action?: string;
  readonly requestId?: string;
  readonly status?: number;
  readonly service?: ApiErrorShape['service'];
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.action = shape.action;
    this.requestId = shape.requestId;
    this.status = shape.status;
    this.service = shape.service;
    this.retryAfterMs = shape.retryAfterMs;
    this.details = shape.details;
  }
}

/** Any thrown value as an ApiError, so every error view has the same fields to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    code: 'renderer_error',
    service: 'app',
    message: error instanceof Error ? error.message : 'Something went wrong.',
    action: 'Try again. If it keeps happening, restart Aislecast.',
  });
}
