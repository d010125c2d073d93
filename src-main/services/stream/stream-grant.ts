import { checkBaseUrl } from '../../../src-preload/contract/schemas/common.ts';
import { appError } from '../core/errors.ts';
import type { QueyeConnection } from '../queye/queye-feature.ts';
import type { IssuedStream } from './stream-token-cache.ts';

/** Queye's documented stream-token lifetime, used when an answer does not say. */
export const defaultStreamTokenSeconds = 300;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function unreadable(): Error {
  return appError(
    'malformed_response',
    'Queye Music sent a stream answer Aislecast could not read.',
    {
      service: 'queye',
      action: 'The track is skipped. If every track fails, quote the request ID to Queye support.',
    },
  );
}

/**
 * Reads `POST /stream/token` tolerantly (API.md §1): a `stream_url`, or only a token from
 * which the documented `/stream/{id}?st=` URL is built. A URL that would carry the token over
 * plain http to another machine is refused, like any other credential.
 */
export function parseStreamAnswer(data: unknown, trackId: number, baseUrl: string): IssuedStream {
  const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const rawExpiry = Number(body.expires_in ?? body.expiresIn);
  const expiresIn =
    Number.isFinite(rawExpiry) && rawExpiry > 0 ? rawExpiry : defaultStreamTokenSeconds;
  const url = text(body.stream_url) ?? text(body.streamUrl) ?? text(body.url);
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url, `${baseUrl.replace(/\/+$/, '')}/`);
    } catch {
      throw unreadable();
    }
    if (!checkBaseUrl(parsed.href).ok) throw unreadable();
    return { url: parsed.href, expiresIn };
  }
  const token = text(body.stream_token) ?? text(body.streamToken) ?? text(body.token);
  if (!token) throw unreadable();
  const built = new URL(`${baseUrl.replace(/\/+$/, '')}/stream/${trackId}`);
  built.searchParams.set('st', token);
  return { url: built.href, expiresIn };
}

/** Asks Queye for a stream token through the signed-in session (refresh and retry included). */
export async function issueStream(
  connection: QueyeConnection,
  trackId: number,
): Promise<IssuedStream> {
  const result = await connection.request<unknown>({
    method: 'POST',
    path: '/stream/token',
    json: { track_id: trackId },
    // Playback waits on this answer; a dead connection should fail fast and be retried by the
    // player's "waiting for network" loop rather than stall the audio element.
    timeoutMs: 10_000,
  });
  const baseUrl = connection.account()?.baseUrl;
  if (!baseUrl) throw unreadable();
  return parseStreamAnswer(result.data, trackId, baseUrl);
}
