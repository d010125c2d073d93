import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { QueyeSignedOutReason } from '../../../src-preload/contract/schemas/queye.ts';
import { appError, isAppError, type AppError } from '../core/errors.ts';
import { UpstreamError } from '../http/upstream-error.ts';

/** The errors of the Queye sign-in itself, and how Queye's answers map onto the sign-in state. */

/** Why a session ended, from the error code Queye gave. */
export const signedOutReasonFor = (code: string): QueyeSignedOutReason =>
  code === 'invalid_user_key'
    ? 'user-key-rejected'
    : code.includes('client_key')
      ? 'client-key-rejected'
      : 'session-ended';

/** Queye holds the sign-in until someone approves this app in the account. */
export const isApprovalRequired = (error: unknown): error is UpstreamError =>
  error instanceof UpstreamError && error.info.code === 'approval_required';

/** The `apr_…` ID Queye returns with `approval_required` (body field, else in the message). */
export function approvalRequestId(error: UpstreamError): string {
  const body = error.info.body as { error?: Record<string, unknown> } | undefined;
  const field = body?.error?.request_id ?? body?.error?.requestId;
  if (typeof field === 'string' && field) return field;
  return (
    /\bapr_[A-Za-z0-9]+/.exec(error.info.upstreamMessage ?? '')?.[0] ?? error.info.requestId ?? ''
  );
}

export function shapeOf(error: unknown): ApiErrorShape | undefined {
  return isAppError(error) ? error.shape : undefined;
}

export function signedOutError(): AppError {
  return appError('signed_out', 'Aislecast is not signed in to Queye Music.', {
    service: 'queye',
    action: 'Connect your account in Settings → Queye Music.',
  });
}

export function demoActive(): AppError {
  return appError('demo_active', 'The demo is using the built-in Queye sandbox right now.', {
    service: 'queye',
    action: 'Leave the demo (banner at the top), then connect your own account.',
  });
}

export function nothingToReconnect(): AppError {
  return appError('no_saved_key', 'Aislecast has no saved user key to reconnect with.', {
    service: 'queye',
    action: 'Enter your client key and user API key, then connect.',
  });
}

export function revokeUnconfirmed(): ApiErrorShape {
  return {
    code: 'revoke_unconfirmed',
    service: 'queye',
    message: 'Signed out here, but Queye Music could not be reached to end the session there.',
    action:
      'Nothing is stored on this computer any more. To be sure, revoke "Aislecast" under Connected apps in your Queye account.',
  };
}
