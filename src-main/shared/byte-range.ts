/**
 * Byte-range answering (RFC 9110 §14), once for every part of main that serves media: the
 * stream proxy and the Musique audio provider (both slicing a body whose host ignored the
 * range) and the sandbox's file routes. It lives in `src-main/shared/` rather than under
 * `services/` because the sandbox is a separate program that must not depend on the app's
 * services; so this folder imports nothing but web-standard globals, and both sides may use it.
 *
 * The rules: one range `a-b`, `a-` or `-n`, clamped to the body. A well-formed range that starts
 * past the end (or a zero suffix, or any range of an empty body) is unsatisfiable: 416 with a
 * `Content-Range` naming only the size. A malformed header, another unit, a reversed range (`5-1`) or
 * several ranges are ignored and answered with the whole body, as the RFC allows — a media
 * element only ever asks for one range, and a multipart answer would buy it nothing.
 */

export type ByteRange =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const singleRange = /^bytes=(\d*)-(\d*)$/;

/** Reads a `Range` header (absent: the whole body) for a body of `size` bytes. */
export function parseRange(header: string | null | undefined, size: number): ByteRange {
  if (header === undefined || header === null) return { kind: 'full' };
  const match = singleRange.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', start, end };
}

/** What to answer a `Range` header with, before any body is touched. */
export type RangeAnswer =
  | { status: 200; length: number; headers: Record<string, string> }
  | { status: 206; start: number; end: number; length: number; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> };

/**
 * The status, length and `Content-Range` for a `Range` header against a body of `size` bytes.
 * `length` is the number of body bytes to send (the caller sets `Content-Length` from it).
 */
export function answerRange(header: string | null | undefined, size: number): RangeAnswer {
  const range = parseRange(header, size);
  if (range.kind === 'full') return { status: 200, length: size, headers: {} };
  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { 'content-range': `bytes */${size}` } };
  }
  return {
    status: 206,
    start: range.start,
    end: range.end,
    length: range.end - range.start + 1,
    headers: { 'content-range': `bytes ${range.start}-${range.end}/${size}` },
  };
}

/** Bytes `start..end` (inclusive) of a body that starts at byte 0, streamed. */
export function sliceBody(
  body: ReadableStream<Uint8Array>,
  start: number,
  end: number,
): ReadableStream<Uint8Array> {
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

/**
 * Answers `range` from a whole body of `size` bytes that a host sent with 200 although a range
 * was asked for: without a 206 a media element marks the file unseekable. `headers` are the
 * answer's headers so far (content type and the like); they are changed in place. For `HEAD`
 * (`head`) the body is cancelled and the answer carries headers only.
 */
export function answerFromWholeBody(
  range: string,
  size: number,
  body: ReadableStream<Uint8Array> | null,
  headers: Headers,
  head: boolean,
): Response {
  const answer = answerRange(range, size);
  if (answer.status === 200) {
    if (head) void body?.cancel();
    return new Response(head ? null : body, { status: 200, headers });
  }
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name, value);
  if (answer.status === 416) {
    void body?.cancel();
    headers.delete('content-length');
    return new Response(null, { status: 416, headers });
  }
  headers.set('content-length', String(answer.length));
  if (head || !body) {
    void body?.cancel();
    return new Response(null, { status: 206, headers });
  }
  return new Response(sliceBody(body, answer.start, answer.end), { status: 206, headers });
}
