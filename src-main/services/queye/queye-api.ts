import { checkBaseUrl } from '../../../src-preload/contract/schemas/common.ts';
import { appError } from '../core/errors.ts';
import type { HttpClient, HttpRequest, HttpResult } from '../http/http-client.ts';

/** Tokens from an exchange or a refresh, read tolerantly. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  scopes: string[];
  userId: string;
}

export interface QueyeHealth {
  status: string;
  version?: string;
}

export type Query = Record<string, string | number | undefined>;

/** A Queye request relative to the base URL (`/library/tracks`), with an optional query. */
export interface QueyeRequest extends Omit<HttpRequest, 'url'> {
  path: string;
  query?: Query;
}

export function queyeUrl(baseUrl: string, path: string, query?: Query): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.href;
}

/**
 * Refuses, before anything is sent, to put a credential on a connection that is not https
 * (loopback excepted). Settings are validated too; this guards every path that sends a key.
 */
export function assertSafeBaseUrl(baseUrl: string): void {
  const checked = checkBaseUrl(baseUrl);
  if (checked.ok) return;
  throw appError(
    'https_required',
    'Aislecast will not send your Queye keys over an insecure connection.',
    {
      service: 'queye',
      action: 'Use an https:// address for the Queye base URL (plain http only for this computer).',
    },
  );
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export function parseTokens(data: unknown): IssuedTokens {
  const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const accessToken = text(body.access_token) ?? text(body.accessToken);
  const refreshToken = text(body.refresh_token) ?? text(body.refreshToken);
  const user = body.user as Record<string, unknown> | undefined;
  const userId = text(user?.id) ?? text(body.user_id) ?? text(body.userId);
  if (!accessToken || !refreshToken || !userId) {
    throw appError(
      'malformed_response',
      'Queye Music sent a sign-in answer Aislecast could not read.',
      {
        service: 'queye',
        action: 'Try again later. If it persists, contact Queye support.',
      },
    );
  }
  const rawExpiry = Number(body.expires_in ?? body.expiresIn);
  const scope = body.scope ?? body.scopes;
  return {
    accessToken,
    refreshToken,
    expiresIn: Number.isFinite(rawExpiry) && rawExpiry > 0 ? rawExpiry : 3600,
    scopes: Array.isArray(scope)
      ? scope.filter((s): s is string => typeof s === 'string')
      : typeof scope === 'string'
        ? scope.split(/[\s,]+/).filter(Boolean)
        : [],
    userId,
  };
}

/** The calls that run before a session exists: health and the token endpoints. */
export function queyeAuthApi(http: HttpClient) {
  const post = <T>(
    baseUrl: string,
    clientKey: string,
    path: string,
    request: Partial<HttpRequest>,
  ) => {
    assertSafeBaseUrl(baseUrl);
    return http.request<T>({
      method: 'POST',
      url: queyeUrl(baseUrl, path),
      idempotent: false,
      ...request,
      headers: { 'x-queye-client-key': clientKey, ...request.headers },
    });
  };
  return {
    async health(
      baseUrl: string,
      signal?: AbortSignal,
    ): Promise<QueyeHealth & { latencyMs: number }> {
      assertSafeBaseUrl(baseUrl);
      const started = performance.now();
      const { data } = await http.request<Record<string, unknown>>({
        url: queyeUrl(baseUrl, '/health'),
        signal,
        timeoutMs: 10_000,
      });
      return {
        status: text(data?.status) ?? 'ok',
        version: text(data?.version),
        latencyMs: Math.round(performance.now() - started),
      };
    },
    async exchange(baseUrl: string, clientKey: string, userKey: string): Promise<IssuedTokens> {
      const { data } = await post(baseUrl, clientKey, '/auth/exchange', {
        json: { user_api_key: userKey },
      });
      return parseTokens(data);
    },
    async refresh(baseUrl: string, clientKey: string, refreshToken: string): Promise<IssuedTokens> {
      const { data } = await post(baseUrl, clientKey, '/auth/refresh', {
        json: { refresh_token: refreshToken },
      });
      return parseTokens(data);
    },
    async revoke(
      baseUrl: string,
      clientKey: string,
      accessToken: string,
      timeoutMs = 10_000,
    ): Promise<HttpResult<unknown>> {
      return post(baseUrl, clientKey, '/auth/revoke', {
        headers: { authorization: `Bearer ${accessToken}` },
        timeoutMs,
      });
    },
  };
}

export type QueyeAuthApi = ReturnType<typeof queyeAuthApi>;
