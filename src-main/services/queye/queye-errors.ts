import type { FailureInfo } from '../http/upstream-error.ts';
import { UpstreamError } from '../http/upstream-error.ts';

type Words = { message: string; action: string };

/**
 * Every documented Queye error code (API.md §1 Errors) in the user's words: what happened and
 * what to do next. The request ID travels separately on the error and is shown next to these.
 */
const catalogue: Record<string, Words> = {
  https_required: {
    message: 'Queye Music only accepts secure (https) connections.',
    action: 'Use an https:// address for the Queye base URL under Advanced.',
  },
  invalid_request: {
    message: 'Queye Music rejected a request from Aislecast as malformed.',
    action: 'Try again. If it keeps happening, quote the request ID to Aislecast support.',
  },
  missing_client_key: {
    message: 'Queye Music did not receive the app’s client key.',
    action: 'Enter the client key in Settings → Queye Music and connect again.',
  },
  invalid_client_key: {
    message: 'Queye Music does not recognise the client key.',
    action:
      'Check the client key from Queye for Partners (it starts with qm_client_) and connect again.',
  },
  missing_access_token: {
    message: 'Queye Music asked for a sign-in that Aislecast did not send.',
    action: 'Try again; if it repeats, reconnect in Settings → Queye Music.',
  },
  invalid_access_token: {
    message: 'Your Queye Music sign-in has expired or was withdrawn.',
    action: 'Aislecast renews it on its own; if this stays, reconnect in Settings → Queye Music.',
  },
  invalid_user_key: {
    message: 'Queye Music does not accept this user API key.',
    action:
      'Copy the current key from your Queye account (API Access) and connect again. A rotated or revoked key stops working.',
  },
  invalid_refresh_token: {
    message: 'Your Queye Music session has ended (it was revoked or this app was disconnected).',
    action: 'Reconnect in Settings → Queye Music. Your library stays available meanwhile.',
  },
  invalid_stream_token: {
    message: 'The permission to play this track has run out.',
    action: 'Aislecast asks for a new one on its own; press play again if playback stopped.',
  },
  approval_required: {
    message: 'Your Queye user key is locked: this app must be approved in your Queye account.',
    action:
      'Open Queye Music → API Access → Connected apps, approve "Aislecast" (the request ID is shown), then wait here.',
  },
  insufficient_scope: {
    message:
      'This sign-in may use your library but not manage your account: Queye did not grant Aislecast the account permission.',
    action:
      'Manage your key, connected apps and access log on the Queye Music website (API Access), or sign in with a key that allows account management.',
  },
  not_found: {
    message: 'Queye Music could not find what Aislecast asked for.',
    action: 'Sync the library again; the item may have been removed.',
  },
  rate_limited: {
    message: 'Queye Music asked Aislecast to slow down.',
    action: 'Aislecast waits and retries on its own; try again in a minute.',
  },
};

export function describeQueye(info: FailureInfo): Words | undefined {
  return catalogue[info.code];
}

/** Codes after which the saved sign-in cannot work any more. */
export const signOutCodes = new Set([
  'invalid_user_key',
  'invalid_refresh_token',
  'invalid_client_key',
  'missing_client_key',
]);

export function upstreamCode(error: unknown): string | undefined {
  return error instanceof UpstreamError ? error.info.code : undefined;
}

/** No answer arrived at all: the network (or Queye) is unreachable. */
export function isTransportFailure(error: unknown): boolean {
  return error instanceof UpstreamError && error.info.status === 0;
}
