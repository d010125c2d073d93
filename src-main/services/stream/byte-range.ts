/** The single byte ranges a media element asks for (RFC 9110 §14): `a-b`, `a-`, `-n`. */
export type WantedRange =
  | { kind: 'range'; start: number; end: number }
  /** Well-formed but past the end of the body: 416. */
  | { kind: 'unsatisfiable' }
  /** Malformed, multi-range or another unit: the whole body, as the RFC allows. */
  | { kind: 'whole' };

export function parseRange(header: string, size: number): WantedRange {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
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
