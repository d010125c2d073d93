/**
 * The Musique Partner API, one method per operation, for one token under one route profile.
 * Answers are read tolerantly (normalize.ts); failures are typed `UpstreamError`s worded by
 * describe-errors.ts, with token problems given codes of their own.
 */
import type { AudioItem, UsageEntry } from '../../../src-preload/contract/schemas/musique.ts';
import type { HttpClient, HttpRequest } from '../http/http-client.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { refineTokenFailure } from './describe-errors.ts';
import {
  readAudio,
  readAudioPage,
  readGeneratedToken,
  readHealth,
  readInfo,
  readLimits,
  readTokenCheck,
  readUsagePage,
  type AudioPage,
  type TokenCheck,
} from './normalize.ts';
import type { MusiqueRoutes } from './routes.ts';
import { checkSendBody, readSendReceipt, type SendBody, type SendReceipt } from './send.ts';

export const audioPageLimit = 100;
/** A library larger than this is not an announcement library; stop rather than loop forever. */
const maxPages = 500;

export interface UsageFilter {
  page: number;
  limit: number;
  startDate?: string;
  endDate?: string;
  endpoint?: string;
  status?: number;
  method?: string;
}

export interface UploadRequest {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  contentLength: number;
  signal: AbortSignal;
}

export interface MusiqueApi {
  readonly routes: MusiqueRoutes;
  info(): Promise<ReturnType<typeof readInfo>>;
  /** Health, also when the service answers 503 with a health body (status `down`). */
  health(): Promise<ReturnType<typeof readHealth>>;
  testToken(): Promise<TokenCheck>;
  revokeToken(): Promise<void>;
  listPage(page: number, limit?: number): Promise<AudioPage>;
  /** Every page until a short one (or `hasMore: false`, or the total is reached). */
  listAll(): Promise<AudioItem[]>;
  get(id: string): Promise<AudioItem>;
  remove(id: string): Promise<void>;
  upload(request: UploadRequest): Promise<AudioItem>;
  logs(filter: UsageFilter): Promise<{ items: UsageEntry[]; count: number; total?: number }>;
  limits(): Promise<ReturnType<typeof readLimits>>;
  /**
   * Sends audio to stores. Never repeated automatically unless Musique refused it outright
   * (429) or it provably never left: a send whose outcome is unknown must not go out twice.
   * Background priority: a long `Retry-After` is waited out, not turned into a failure.
   */
  send(
    audioId: string,
    body: SendBody,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<SendReceipt>;
}

function malformed(requestId?: string): UpstreamError {
  return new UpstreamError(
    { service: 'musique', status: 200, code: 'malformed_response', requestId },
    {
      message: 'Musique sent an answer Aislecast could not read.',
      action: 'Try again later. If it persists, quote the reference to support.',
    },
  );
}

/**
 * `lifetime` ends every request of this API when the app shuts down, so nothing outlives the
 * services it reports to.
 */
export function createMusiqueApi(
  http: HttpClient,
  routes: MusiqueRoutes,
  token: string,
  lifetime?: AbortSignal,
): MusiqueApi {
  const send = async <T>(request: HttpRequest) => {
    const signals = [request.signal, lifetime].filter((s): s is AbortSignal => s !== undefined);
    try {
      return await http.request<T>({
        ...request,
        headers: { 'x-api-key': token, ...request.headers },
        ...(signals.length ? { signal: AbortSignal.any(signals) } : {}),
      });
    } catch (error) {
      throw refineTokenFailure(error);
    }
  };

  const api: MusiqueApi = {
    routes,
    async info() {
      return readInfo((await send({ url: routes.info })).data);
    },
    async health() {
      try {
        return readHealth((await send({ url: routes.health, idempotent: false })).data);
      } catch (error) {
        // `down` comes as HTTP 503 with the health body: that is an answer, not a failure.
        const body = error instanceof UpstreamError ? error.info.body : undefined;
        if (body && typeof body === 'object' && 'status' in body && !('error' in body))
          return readHealth(body);
        throw error;
      }
    },
    async testToken() {
      return readTokenCheck(
        (await send({ method: 'POST', url: routes.test, idempotent: true })).data,
      );
    },
    async revokeToken() {
      await send({ method: 'DELETE', url: routes.auth, idempotent: false });
    },
    async listPage(page, limit = audioPageLimit) {
      const url = `${routes.audio}?page=${page}&limit=${limit}`;
      return readAudioPage((await send({ url })).data);
    },
    async listAll() {
      const seen = new Map<string, AudioItem>();
      for (let page = 1; page <= maxPages; page++) {
        const result = await api.listPage(page);
        let fresh = 0;
        for (const item of result.items) {
          if (!seen.has(item.id)) fresh++;
          seen.set(item.id, item);
        }
        const short = result.count < audioPageLimit;
        const reachedTotal = result.total !== undefined && seen.size >= result.total;
        // A server that ignores `page` repeats itself: nothing new means the end.
        if (short || result.hasMore === false || reachedTotal || fresh === 0) break;
      }
      return [...seen.values()];
    },
    async get(id) {
      const result = await send({ url: routes.audioItem(id) });
      const item = readAudio(result.data);
      if (!item) throw malformed(result.requestId);
      return item;
    },
    async remove(id) {
      await send({ method: 'DELETE', url: routes.deleteAudio(id), idempotent: false });
    },
    async upload(request) {
      const result = await send({
        method: 'POST',
        url: routes.audio,
        body: request.body,
        headers: {
          'content-type': request.contentType,
          'content-length': String(request.contentLength),
        },
        signal: request.signal,
        idempotent: false,
        // Long work whose owner waits out a 429 itself: the governor lets it wait too.
        priority: 'background',
        // The upload watches its own progress for stalls; this is only the outer bound.
        timeoutMs: 30 * 60_000,
      });
      const item = readAudio(result.data);
      if (!item) throw malformed(result.requestId);
      return item;
    },
    async logs(filter) {
      if (!routes.logs) throw new Error('usage logs need the legacy profile');
      const query = new URLSearchParams({ page: String(filter.page), limit: String(filter.limit) });
      if (filter.startDate) query.set('startDate', filter.startDate);
      if (filter.endDate) query.set('endDate', filter.endDate);
      if (filter.endpoint) query.set('endpoint', filter.endpoint);
      if (filter.status !== undefined) query.set('status', String(filter.status));
      if (filter.method) query.set('method', filter.method);
      return readUsagePage((await send({ url: `${routes.logs}?${query.toString()}` })).data);
    },
    async limits() {
      if (!routes.limits) return {};
      return readLimits((await send({ url: routes.limits })).data);
    },
    async send(audioId, body, options = {}) {
      checkSendBody(body);
      const result = await send({
        method: 'POST',
        url: routes.send(audioId),
        json: body,
        idempotent: false,
        priority: 'background',
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      const receipt = readSendReceipt(result.data, result.requestId);
      if (!receipt) throw malformed(result.requestId);
      return receipt;
    },
  };
  return api;
}

/** `POST /api/integration/auth`: a new token for an External ID, authorised by the company token. */
export async function generateToken(
  http: HttpClient,
  routes: MusiqueRoutes,
  externalId: string,
  companyToken: string,
): Promise<string> {
  const result = await http.request({
    method: 'POST',
    url: routes.auth,
    json: { externalId, companyToken },
    idempotent: false,
  });
  const token = readGeneratedToken(result.data);
  if (!token) throw malformed(result.requestId);
  return token;
}
