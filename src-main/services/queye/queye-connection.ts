import { createHash } from 'node:crypto';
import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import type { HttpResult } from '../http/http-client.ts';
import type { QueyeRequest } from './queye-api.ts';

/** Which Queye library a sign-in belongs to. */
export interface QueyeAccountRef {
  /**
   * Stable per base URL and user, and separate for the demo (whose sandbox port changes every
   * launch), so caches of different accounts never mix.
   */
  key: string;
  userId: string;
  baseUrl: string;
  demo: boolean;
}

/**
 * What other features use of the Queye sign-in (the library sync, and playback for
 * `POST /stream/token`). `request` adds the client key and bearer, refreshes the access token
 * (single-flight, proactive), retries once on `401 invalid_access_token`, and ends the session on
 * a dead refresh token; it throws `signed_out` when there is no session.
 */
export interface QueyeConnection {
  request<T = unknown>(request: QueyeRequest): Promise<HttpResult<T>>;
  status(): QueyeStatus;
  /** The remembered account (also while signed out, for the cache); undefined when none. */
  account(): QueyeAccountRef | undefined;
  /** A live session exists, so `request` can work (the network permitting). */
  canRequest(): boolean;
  /** Called after every status change. */
  onChange(listener: (status: QueyeStatus) => void): () => void;
}

export function accountRef(baseUrl: string, userId: string, demo: boolean): QueyeAccountRef {
  const hash = createHash('sha256')
    .update(demo ? `demo\n${userId}` : `${baseUrl}\n${userId}`)
    .digest('hex')
    .slice(0, 16);
  return { key: `${demo ? 'demo' : 'account'}-${hash}`, userId, baseUrl, demo };
}
