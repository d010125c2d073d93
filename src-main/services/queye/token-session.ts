import { AppError, appError } from '../core/errors.ts';
import type { HttpClient, HttpResult } from '../http/http-client.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Clock } from '../core/clock.ts';
import type { IssuedTokens, QueyeAuthApi, QueyeRequest } from './queye-api.ts';
import { assertSafeBaseUrl, queyeUrl } from './queye-api.ts';
import { isTransportFailure, signOutCodes, upstreamCode } from './queye-errors.ts';

export interface TokenSessionHooks {
  /** Runs (and must be durable) before a refresh token is sent: the old one dies with it. */
  beforeRefresh(refreshToken: string): Promise<void>;
  /** Stores the rotated refresh token; awaited before the new access token is used. */
  afterRefresh(tokens: IssuedTokens): Promise<void>;
  /**
   * The refresh token was refused. When the answer to an earlier refresh may have been lost
   * (a crash or a dropped connection after Queye rotated the token), the owner may recover by
   * exchanging the stored user key again and return the new tokens; else the session ends.
   */
  recover(error: UpstreamError, answerMayHaveBeenLost: boolean): Promise<IssuedTokens | undefined>;
  /** The session cannot continue (dead refresh token, refused client or user key). */
  ended(error: AppError): void;
  /** Every answer (or its absence) from Queye: feeds the online/offline state. */
  reachability(reachable: boolean, error?: AppError): void;
}

export interface TokenSessionOptions {
  http: HttpClient;
  auth: QueyeAuthApi;
  clock: Clock;
  log: Logger;
  redactor: Redactor;
  baseUrl: string;
  clientKey: string;
  refreshToken: string;
  /** Tokens already in hand (right after an exchange); else the first call refreshes. */
  issued?: IssuedTokens;
  /** The previous run died with a refresh in the air: its answer may be lost. */
  answerMayHaveBeenLost?: boolean;
  hooks: TokenSessionHooks;
}

export interface TokenSession {
  /** An authorised Queye call: client key and bearer added, refreshed and retried as needed. */
  request<T>(request: QueyeRequest): Promise<HttpResult<T>>;
  /** Single-flight refresh; every caller during one refresh shares it. */
  refresh(): Promise<void>;
  /** Ends the session upstream (best effort) and locally. */
  revoke(timeoutMs?: number): Promise<boolean>;
  /** Stops timers; later calls fail with `signed_out`. */
  close(): void;
  /** Resolves when no refresh is running (its vault write included). */
  settled(): Promise<void>;
  readonly userId: string | undefined;
  readonly scopes: string[];
}

/** Refresh this long before expiry: a minute, or a tenth of a short lifetime. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(0, lifetimeMs * 0.1));
}

const signedOut = () =>
  appError('signed_out', 'Aislecast is not signed in to Queye Music.', {
    service: 'queye',
    action: 'Connect your account in Settings → Queye Music.',
  });

/**
 * One signed-in Queye session: access token in memory only, rotating refresh token handed to
 * the owner for the vault. Refresh is single-flight, proactive (a timer shortly before expiry,
 * and a check before every call, which also covers a machine waking from sleep), and repeated
 * once when Queye answers `401 invalid_access_token` to a token we still believed in.
 */
export function createTokenSession(options: TokenSessionOptions): TokenSession {
  const { http, auth, clock, log, redactor, baseUrl, clientKey, hooks } = options;
  let refreshToken = options.refreshToken;
  let accessToken: string | undefined;
  let expiresAt = 0;
  let refreshAt = 0;
  let userId: string | undefined;
  let scopes: string[] = [];
  let refreshing: Promise<void> | undefined;
  let timer: unknown;
  let closed = false;
  let answerMayHaveBeenLost = options.answerMayHaveBeenLost ?? false;

  const adopt = (tokens: IssuedTokens) => {
    redactor.add(tokens.accessToken);
    redactor.add(tokens.refreshToken);
    if (accessToken && accessToken !== tokens.accessToken) redactor.remove(accessToken);
    accessToken = tokens.accessToken;
    refreshToken = tokens.refreshToken;
    userId = tokens.userId;
    scopes = tokens.scopes;
    const now = clock.now();
    const lifetime = tokens.expiresIn * 1000;
    expiresAt = now + lifetime;
    refreshAt = expiresAt - refreshMarginMs(lifetime);
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        refresh().catch((error: unknown) =>
          log.warn({ code: upstreamCode(error) ?? 'unknown' }, 'proactive refresh failed'),
        );
      },
      Math.max(0, refreshAt - now),
    );
  };

  const end = (error: AppError) => {
    if (closed) return;
    close();
    hooks.ended(error);
  };

  const runRefresh = async () => {
    const sent = refreshToken;
    await hooks.beforeRefresh(sent);
    let tokens: IssuedTokens;
    try {
      tokens = await auth.refresh(baseUrl, clientKey, sent);
      hooks.reachability(true);
    } catch (error) {
      if (isTransportFailure(error)) {
        // Queye may have rotated the token without us hearing the answer.
        answerMayHaveBeenLost = true;
        hooks.reachability(false, error as AppError);
        throw error;
      }
      hooks.reachability(true);
      const code = upstreamCode(error);
      if (code === 'invalid_refresh_token' && error instanceof UpstreamError) {
        const recovered = await hooks.recover(error, answerMayHaveBeenLost).catch(() => undefined);
        if (recovered) {
          log.info('recovered the Queye session with the stored user key');
          answerMayHaveBeenLost = false;
          await hooks.afterRefresh(recovered);
          adopt(recovered);
          return;
        }
      }
      if (code && signOutCodes.has(code)) end(error as AppError);
      throw error;
    }
    answerMayHaveBeenLost = false;
    // Durable first: if the app dies after this line, the next start has the live token.
    await hooks.afterRefresh(tokens);
    if (closed) return;
    redactor.remove(sent);
    adopt(tokens);
    log.info({ expiresIn: tokens.expiresIn }, 'refreshed the Queye access token');
  };

  const refresh = (): Promise<void> => {
    if (closed) return Promise.reject(signedOut());
    refreshing ??= runRefresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const validToken = async (): Promise<string> => {
    if (closed) throw signedOut();
    if (!accessToken || clock.now() >= refreshAt) await refresh();
    if (!accessToken || closed) throw signedOut();
    return accessToken;
  };

  const send = async <T>(request: QueyeRequest, token: string): Promise<HttpResult<T>> => {
    const { path, query, headers, ...rest } = request;
    try {
      const result = await http.request<T>({
        ...rest,
        url: queyeUrl(baseUrl, path, query),
        headers: { ...headers, 'x-queye-client-key': clientKey, authorization: `Bearer ${token}` },
      });
      hooks.reachability(true);
      return result;
    } catch (error) {
      if (error instanceof AppError && !request.signal?.aborted) {
        hooks.reachability(!isTransportFailure(error), error);
      }
      throw error;
    }
  };

  const request = async <T>(req: QueyeRequest): Promise<HttpResult<T>> => {
    assertSafeBaseUrl(baseUrl);
    const token = await validToken();
    try {
      return await send<T>(req, token);
    } catch (error) {
      const code = upstreamCode(error);
      if (code && code !== 'invalid_access_token' && signOutCodes.has(code)) {
        end(error as AppError);
        throw error;
      }
      if (code !== 'invalid_access_token') throw error;
      // Only the first caller to see this token refused refreshes; the rest share that refresh
      // (still running) or use its result (already done).
      if (accessToken === token) await refresh();
      return send<T>(req, await validToken());
    }
  };

  const close = () => {
    closed = true;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  if (options.issued) adopt(options.issued);

  return {
    request,
    refresh,
    async revoke(timeoutMs = 10_000) {
      if (closed) return false;
      try {
        const token = await validToken();
        await auth.revoke(baseUrl, clientKey, token, timeoutMs);
        return true;
      } catch (error) {
        log.warn({ code: upstreamCode(error) ?? 'unknown' }, 'could not revoke the Queye session');
        return false;
      } finally {
        close();
      }
    },
    close,
    settled: () => (refreshing ?? Promise.resolve()).catch(() => undefined),
    get userId() {
      return userId;
    },
    get scopes() {
      return scopes;
    },
  };
}
