/**
 * Serves a library item's audio at `media://audio/<id>` (and the browser host's
 * `/__aislecast/media/audio/<id>`) so previews play and seek like any track. The file lives at
 * the item's `url`; when that is on the Musique host itself the request carries the API token
 * (which never reaches the renderer), and a file on any other host (a CDN) gets no token at all.
 * Byte ranges are forwarded; an upstream that ignores them is sliced here, so the element always
 * sees `206` answers it can seek in.
 */
import type { MediaProvider } from '../media/media-router.ts';
import type { Logger } from '../log/logger.ts';
import { answerFromWholeBody } from '../../shared/byte-range.ts';

export interface AudioSource {
  /** The item's file URL (from the library, or asked of Musique). */
  url: string;
  /** The API host and token, for files served by the API host itself. */
  apiRoot: string;
  token: string;
}

export interface AudioProviderOptions {
  resolve(id: string): Promise<AudioSource | undefined>;
  fetch: typeof fetch;
  log: Logger;
}

const passHeaders = ['content-type', 'content-length', 'content-range', 'last-modified', 'etag'];

function problem(status: number, code: string): Response {
  return new Response(JSON.stringify({ error: { code } }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

export function createAudioMediaProvider(options: AudioProviderOptions): MediaProvider {
  const { log } = options;
  return async (id, request) => {
    const source = await options.resolve(id);
    if (!source) return problem(404, 'not_found');
    const range = request.headers.get('range');
    const sameHost = new URL(source.url).origin === new URL(source.apiRoot).origin;
    const headers: Record<string, string> = {};
    if (range) headers.range = range;
    if (sameHost) headers['x-api-key'] = source.token;
    const upstream = await options.fetch(source.url, {
      method: request.method === 'HEAD' ? 'HEAD' : 'GET',
      headers,
      signal: request.signal,
    });
    if (upstream.status === 416) {
      void upstream.body?.cancel();
      const out = new Headers({ 'accept-ranges': 'bytes', 'cache-control': 'no-store' });
      const contentRange = upstream.headers.get('content-range');
      if (contentRange) out.set('content-range', contentRange);
      return new Response(null, { status: 416, headers: out });
    }
    if (upstream.status !== 200 && upstream.status !== 206) {
      void upstream.body?.cancel();
      log.warn({ status: upstream.status, id }, 'audio file request refused upstream');
      return problem(upstream.status === 404 ? 404 : 502, 'upstream_failed');
    }
    const out = new Headers({ 'accept-ranges': 'bytes', 'cache-control': 'no-store' });
    for (const name of passHeaders) {
      const value = upstream.headers.get(name);
      if (value) out.set(name, value);
    }
    if (!out.has('content-type')) out.set('content-type', 'audio/mpeg');
    const size = Number(upstream.headers.get('content-length'));
    if (upstream.status === 200 && range && Number.isFinite(size) && size > 0) {
      // The file host ignored the range: answer it here, or the element cannot seek.
      return answerFromWholeBody(range, size, upstream.body, out, request.method === 'HEAD');
    }
    return new Response(request.method === 'HEAD' ? null : upstream.body, {
      status: upstream.status,
      headers: out,
    });
  };
}
