import { randomBytes } from 'node:crypto';
import type { ApiErrorShape, Outcome } from '../../../src-preload/contract/define.ts';

/**
 * An error meant for the user: what happened, what to do next, and an ID to quote.
 * Anything thrown in main that is not an AppError is reported as `internal` with a local
 * reference that also appears in the log line.
 */
export class AppError extends Error {
  readonly shape: ApiErrorShape;

  constructor(shape: ApiErrorShape, options?: { cause?: unknown }) {
    super(shape.message, options);
    this.name = 'AppError';
    this.shape = shape;
  }

  get code(): string {
    return this.shape.code;
  }
}

export function appError(
  code: string,
  message: string,
  extra: Omit<ApiErrorShape, 'code' | 'message'> = {},
  cause?: unknown,
): AppError {
  return new AppError({ code, message, service: 'app', ...extra }, { cause });
}

/** A short local reference ("loc_7f3a9c21") for errors that have no upstream request ID. */
export function localReference(): string {
  return `loc_${randomBytes(4).toString('hex')}`;
}

/** What the window sees when main failed in a way it did not foresee: a reference to quote. */
export function internalFailure(reference: string): Outcome<never> {
  return {
    ok: false,
    error: {
      code: 'internal',
      service: 'app',
      message: 'Something went wrong inside Aislecast.',
      action: 'Try again. If it keeps happening, send the log file with this reference.',
      requestId: reference,
    },
  };
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
