import type { ServiceConnection } from '../../../src-preload/contract/schemas/connection.ts';
import type { AppError } from '../core/errors.ts';
import type { SerialQueue } from '../core/serial-queue.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Clock } from '../core/clock.ts';
import type { IssuedTokens, QueyeAuthApi } from './queye-api.ts';
import type { QueyeAccountRef, QueyeConnection } from './queye-connection.ts';
import type { SavedCredentials } from './saved-credentials.ts';
import type { SignInKeys } from './sign-in-keys.ts';
import { signedOutError, signedOutReasonFor } from './sign-in-errors.ts';
import type { StatusPublisher } from './status-publisher.ts';
import { createTokenSession, type TokenSession } from './token-session.ts';

/**
 * The one live Queye token session and the account it belongs to. A saved sign-in writes each
 * rotated refresh token to the vault; the demo's stays in memory. Only the current session may
 * change the status: a replaced one that answers late is ignored.
 */
export interface LiveSession {
  /** What other features use of the sign-in. */
  connection: QueyeConnection;
  account(): QueyeAccountRef | undefined;
  setAccount(account: QueyeAccountRef | undefined): void;
  /** Replaces the session (close the old one first); `persist`: the saved account's. */
  open(
    creds: { baseUrl: string; clientKey: string; refreshToken: string },
    extra: { issued?: IssuedTokens; answerMayHaveBeenLost?: boolean },
    persist: boolean,
  ): void;
  /** Stops the session's timers and forgets it. */
  close(): void;
  /** Forgets the session without closing it, for the caller to revoke or await. */
  detach(): TokenSession | undefined;
  /** Asks Queye whether the sign-in works; the answer (or silence) updates the status. */
  probe(): Promise<ServiceConnection>;
}

export interface LiveSessionDeps {
  http: HttpClient;
  auth: QueyeAuthApi;
  clock: Clock;
  log: Logger;
  redactor: Redactor;
  saved: SavedCredentials;
  keys: Pick<SignInKeys, 'temporary'>;
  publisher: StatusPublisher;
  /** Where the end of a session queues its sign-out among the other sign-in changes. */
  queue: SerialQueue;
}

export function createLiveSession(deps: LiveSessionDeps): LiveSession {
  const { auth, saved, publisher, log } = deps;
  let session: TokenSession | undefined;
  let account: QueyeAccountRef | undefined;
  const status = () => publisher.current();

  /** Queye refused the session for good: signed out, keeping what can still reconnect. */
  const ended = async (error: AppError, persist: boolean) => {
    session = undefined;
    const reason = signedOutReasonFor(error.code);
    if (persist) {
      await saved.forgetRefreshToken();
      if (reason === 'user-key-rejected') await saved.forgetUserKey();
    }
    log.warn({ code: error.code, requestId: error.shape.requestId }, 'Queye session ended');
    const canReconnect = persist
      ? reason !== 'user-key-rejected' && (await saved.get('userKey')) !== undefined
      : false;
    publisher.set({
      ...status(),
      state: 'signed-out',
      reason,
      canReconnect,
      error: error.shape,
      approval: undefined,
    });
    publisher.vaultChanged();
  };

  const open: LiveSession['open'] = (creds, extra, persist) => {
    const created: TokenSession = createTokenSession({
      http: deps.http,
      auth,
      clock: deps.clock,
      log,
      redactor: deps.redactor,
      ...creds,
      ...extra,
      hooks: {
        beforeRefresh: (token) => (persist ? saved.markRefreshInFlight(token) : Promise.resolve()),
        afterRefresh: async (tokens) => {
          if (persist) await saved.storeRefresh(tokens);
          if (session === created && status().state === 'signed-in') {
            publisher.set({ ...status(), userId: tokens.userId, scopes: tokens.scopes });
          }
        },
        async recover(_error, answerMayHaveBeenLost) {
          if (!answerMayHaveBeenLost) return undefined;
          const userKey = persist ? await saved.get('userKey') : deps.keys.temporary()?.userKey;
          if (!userKey) return undefined;
          return auth.exchange(creds.baseUrl, creds.clientKey, userKey);
        },
        ended: (error) => {
          if (session !== created) return;
          void deps.queue.run(() => ended(error, persist));
        },
        reachability: (reachable, error) => {
          if (session === created) publisher.reachability(reachable, error?.shape);
        },
      },
    });
    session = created;
  };

  return {
    connection: {
      request(request) {
        if (!session) return Promise.reject(signedOutError());
        return session.request(request);
      },
      status,
      account: () => account,
      canRequest: () => session !== undefined,
      onChange: (listener) => publisher.onChange(listener),
    },
    account: () => account,
    setAccount(next) {
      account = next;
    },
    open,
    close() {
      session?.close();
      session = undefined;
    },
    detach() {
      const ending = session;
      session = undefined;
      return ending;
    },
    async probe() {
      if (session) await session.request({ path: '/library/summary' }).catch(() => undefined);
      return publisher.connection();
    },
  };
}
