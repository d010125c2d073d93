import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { TrackProblemReason } from '../../../src-preload/contract/schemas/player.ts';
import { isAppError, localReference } from '../core/errors.ts';
import { UpstreamError } from '../http/upstream-error.ts';

/** Why a track could not be streamed, what the audio element is answered, and the words. */
export interface StreamProblem {
  reason: TrackProblemReason;
  /** Status of the answer to the audio element (it sees only that something failed). */
  status: number;
  error: ApiErrorShape;
}

const statusFor: Record<TrackProblemReason, number> = {
  'not-found': 404,
  'no-access': 403,
  'signed-out': 401,
  network: 503,
  upstream: 502,
};

function words(reason: TrackProblemReason, trackId: number, status: number) {
  switch (reason) {
    case 'not-found':
      return {
        message: `Track ${trackId} is no longer in your Queye Music library.`,
        action: 'Aislecast skips it. Sync the library to bring the track list up to date.',
      };
    case 'no-access':
      return {
        message: `Queye Music refused to stream track ${trackId}${status ? ` (HTTP ${status})` : ''}.`,
        action:
          'Check in Settings → Queye Music that Aislecast still has access to your account, then play again.',
      };
    case 'signed-out':
      return {
        message: 'Aislecast is signed out of Queye Music, so it cannot stream.',
        action: 'Sign in again in Settings → Queye Music.',
      };
    case 'network':
      return {
        message: 'Could not reach Queye Music to stream the music.',
        action: 'Check the internet connection; playback resumes on its own when it returns.',
      };
    case 'upstream':
      return {
        message: `Queye Music could not stream track ${trackId}${status ? ` (HTTP ${status})` : ''}.`,
        action:
          'Try again in a few minutes. If it persists, quote the request ID to Queye support.',
      };
  }
}

/** A problem worded here, for failures seen on the stream itself. */
export function streamProblem(
  reason: TrackProblemReason,
  trackId: number,
  details: { status?: number; code?: string; requestId?: string } = {},
): StreamProblem {
  const status = details.status ?? 0;
  return {
    reason,
    status: statusFor[reason],
    error: {
      code: details.code ?? reason.replace('-', '_'),
      ...words(reason, trackId, status),
      service: 'queye',
      status: status || undefined,
      requestId: details.requestId ?? localReference(),
    },
  };
}

function reasonOfStatus(status: number): TrackProblemReason {
  if (status === 0) return 'network';
  if (status === 404) return 'not-found';
  if (status === 401 || status === 403) return 'no-access';
  return 'upstream';
}

/** A failure to obtain a stream token, kept in the words the Queye session already chose. */
export function problemFromError(error: unknown, trackId: number): StreamProblem {
  if (error instanceof UpstreamError) {
    // A dead refresh token or user key ends the session: every track would fail alike.
    const sessionOver = error.code === 'invalid_refresh_token' || error.code === 'invalid_user_key';
    const reason = sessionOver ? 'signed-out' : reasonOfStatus(error.status);
    if (reason === 'not-found') {
      return streamProblem('not-found', trackId, {
        status: 404,
        code: error.code,
        requestId: error.info.requestId,
      });
    }
    return {
      reason,
      status: statusFor[reason],
      error: { ...error.shape, requestId: error.shape.requestId ?? localReference() },
    };
  }
  if (isAppError(error)) {
    const reason: TrackProblemReason = error.code === 'signed_out' ? 'signed-out' : 'upstream';
    return {
      reason,
      status: statusFor[reason],
      error: { ...error.shape, requestId: error.shape.requestId ?? localReference() },
    };
  }
  return streamProblem('upstream', trackId);
}

/** The problem as the audio element's answer: a status and a code, never a token. */
export function problemResponse(status: number, code: string): Response {
  return new Response(JSON.stringify({ error: { code } }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
