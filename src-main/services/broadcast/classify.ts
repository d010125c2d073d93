/**
 * What a send's failure means for its stores. The rule that keeps every store from getting an
 * announcement twice: only a definite refusal (4xx, or a connection that never opened) puts
 * stores back in line; anything after which the body may have reached Musique — a 5xx, a
 * timeout, a connection lost before the status line — is unknown.
 */
import { isAppError } from '../core/errors.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import type { FailureFacts, OutcomeRecord } from './records.ts';

export type Verdict = {
  outcome: OutcomeRecord extends infer R
    ? R extends OutcomeRecord
      ? Omit<R, 'type' | 'at' | 'chunk' | 'attempt'>
      : never
    : never;
  /** Stop sending this job until the user acts (token revoked, permission missing, audio gone). */
  pause?: FailureFacts;
  /** Wait (back off) before the next request. */
  backOff?: boolean;
};

const factsOf = (error: unknown): FailureFacts => {
  if (isAppError(error)) {
    const { code, message, status, requestId } = error.shape;
    return { code, message, ...(status ? { status } : {}), ...(requestId ? { requestId } : {}) };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
};

/** The unknown External IDs a `422 unknown_external_ids` lists, wherever the body puts them. */
export function unknownIdsOf(body: unknown): string[] | undefined {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const list =
    error?.unknown ??
    (error?.details as Record<string, unknown> | undefined)?.unknown ??
    (body as Record<string, unknown> | undefined)?.unknown;
  return Array.isArray(list)
    ? list.filter((id): id is string => typeof id === 'string')
    : undefined;
}

export function classifySendFailure(error: unknown, externalIds: string[]): Verdict {
  const facts = factsOf(error);
  const requestId = facts.requestId ? { requestId: facts.requestId } : {};
  if (!(error instanceof UpstreamError)) {
    // Refused here before any request (bad options, no account): nothing left this PC.
    if (facts.code === 'invalid_send')
      return {
        outcome: {
          result: 'refused',
          error: facts,
          failed: externalIds.map((externalId) => ({ externalId, reason: facts.message })),
        },
      };
    return { outcome: { result: 'refused', error: facts }, pause: facts };
  }
  const { status, code } = error.info;
  // The status line said it was accepted; only the body was lost or unreadable.
  if (status >= 200 && status < 300)
    return {
      outcome: {
        result: 'sent',
        ...requestId,
        note: `accepted (HTTP ${status}); the answer was unreadable`,
      },
    };
  if (status === 422 && code === 'unknown_external_ids') {
    const unknown = new Set(unknownIdsOf(error.info.body) ?? externalIds);
    let failed = externalIds
      .filter((id) => unknown.has(id))
      .map((externalId) => ({ externalId, reason: 'Musique does not know this External ID' }));
    // A list that names none of this request's stores cannot say which to drop: resending the
    // same request would only be refused again, so they all fail with what Musique said.
    if (failed.length === 0)
      failed = externalIds.map((externalId) => ({ externalId, reason: facts.message }));
    return { outcome: { result: 'refused', ...requestId, error: facts, failed } };
  }
  if (status === 429)
    return { outcome: { result: 'refused', ...requestId, error: facts }, backOff: true };
  if (status === 401 || status === 403 || status === 404)
    return { outcome: { result: 'refused', ...requestId, error: facts }, pause: facts };
  if (status >= 400 && status < 500)
    return {
      outcome: {
        result: 'refused',
        ...requestId,
        error: facts,
        failed: externalIds.map((externalId) => ({ externalId, reason: facts.message })),
      },
    };
  if (status === 0 && error.info.notSent)
    return { outcome: { result: 'refused', error: facts }, backOff: true };
  return { outcome: { result: 'unknown', ...requestId, error: facts }, backOff: true };
}
