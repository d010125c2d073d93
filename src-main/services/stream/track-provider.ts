/**
 * Serves `media://track/<id>` (and the browser host's `/__aislecast/media/track/<id>`): the
 * renderer's audio element asks for byte ranges of a stable URL, and this proxies them to
 * Queye's `/stream/{id}?st=` with a token only main ever sees. Every seek is a fresh ranged
 * request, so a token that expired during a long pause is renewed without the player noticing.
 */
import type { MediaProvider } from '../media/media-router.ts';
import { answerFromWholeBody } from '../../shared/byte-range.ts';
import { openTrackStream, type TrackStreamDeps } from './open-track-stream.ts';
import { problemResponse } from './stream-problem.ts';

const trackIdPattern = /^[1-9]\d{0,14}$/;

/** A Queye track ID from the URL, or undefined for anything else. */
export function parseTrackId(raw: string): number | undefined {
  return trackIdPattern.test(raw) ? Number(raw) : undefined;
}

const passed = ['content-type', 'content-length', 'content-range'] as const;

function headersFrom(upstream: Response): Headers {
  const out = new Headers({ 'cache-control': 'no-store' });
  for (const name of passed) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  if (!out.has('content-type')) out.set('content-type', 'audio/mpeg');
  // Ranges always work through this handler (sliced here when the upstream ignores them).
  out.set('accept-ranges', 'bytes');
  return out;
}

export function createTrackProvider(deps: TrackStreamDeps): MediaProvider {
  // Logged once per track: a stream that ignores ranges would otherwise warn on every seek.
  const ignoredRanges = new Set<number>();

  return async (id, request) => {
    const trackId = parseTrackId(id);
    if (trackId === undefined) return problemResponse(400, 'invalid_track_id');
    const range = request.headers.get('range') ?? undefined;
    const opened = await openTrackStream(deps, trackId, { range, signal: request.signal });
    if (!opened.ok) return problemResponse(opened.problem.status, opened.problem.error.code);
    const upstream = opened.response;
    const head = request.method === 'HEAD';
    const headers = headersFrom(upstream);
    const body = () => {
      if (head) void upstream.body?.cancel();
      return head ? null : upstream.body;
    };

    if (upstream.status === 416) {
      void upstream.body?.cancel();
      headers.delete('content-length');
      headers.delete('content-type');
      return new Response(null, { status: 416, headers });
    }
    if (upstream.status === 206 || !range) {
      return new Response(body(), { status: upstream.status, headers });
    }

    // A 200 to a ranged request: the upstream ignores ranges. Without a 206 the element marks
    // the media unseekable and every seek snaps back to 0, so answer the range here.
    if (ignoredRanges.size < 1000 && !ignoredRanges.has(trackId)) {
      ignoredRanges.add(trackId);
      deps.log.warn({ trackId, range }, 'the stream ignored a byte range; slicing it here');
    }
    const size = Number(upstream.headers.get('content-length'));
    if (!Number.isSafeInteger(size) || size <= 0) {
      deps.log.warn({ trackId }, 'the stream has no length either; seeking will not work');
      return new Response(body(), { status: 200, headers });
    }
    return answerFromWholeBody(range, size, upstream.body, headers, head);
  };
}
