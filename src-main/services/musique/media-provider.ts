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

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` against a known size; undefined when unsatisfiable. */
export function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | undefined | 'ignore' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'ignore';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return undefined;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return undefined;
  return { start, end };
}

/** Cuts `[start, end]` out of a full body, streaming. */
function sliceBody(body: ReadableStream<Uint8Array>, start: number, end: number) {
  let position = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const from = Math.max(start - position, 0);
        const to = Math.min(end + 1 - position, chunk.byteLength);
        position += chunk.byteLength;
        if (to > from) controller.enqueue(chunk.subarray(from, to));
        if (position > end) controller.terminate();
      },
    }),
  );
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
      const wanted = parseRange(range, size);
      if (wanted === undefined) {
        void upstream.body?.cancel();
        out.set('content-range', `bytes */${size}`);
        out.delete('content-length');
        return new Response(null, { status: 416, headers: out });
      }
      if (wanted !== 'ignore') {
        out.set('content-range', `bytes ${wanted.start}-${wanted.end}/${size}`);
        out.set('content-length', String(wanted.end - wanted.start + 1));
        const body =
          request.method === 'HEAD' || !upstream.body
            ? null
            : sliceBody(upstream.body, wanted.start, wanted.end);
        return new Response(body, { status: 206, headers: out });
      }
    }
    return new Response(request.method === 'HEAD' ? null : upstream.body, {
      status: upstream.status,
      headers: out,
    });
  };
}
