import type { Readable } from 'node:stream';
import { ApiError, type Reply } from './reply.ts';

export type ByteRange =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const singleRange = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a `Range` header for a body of `size` bytes (RFC 9110 §14). Syntactically invalid
 * headers, other units and multi-range requests are ignored (answered in full with 200), which
 * the RFC allows; a well-formed range that starts past the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'full' };
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

export interface RangeSource {
  size: number;
  contentType: string;
  /** A stream of bytes `start..end`, both inclusive. */
  open(start: number, end: number): Readable;
}

/** 200 with the whole body, 206 with one range, or a 416 error carrying `Content-Range: *`. */
export function rangeReply(rangeHeader: string | undefined, source: RangeSource): Reply {
  const range = parseRange(rangeHeader, source.size);
  const headers: Record<string, string> = {
    'content-type': source.contentType,
    'accept-ranges': 'bytes',
  };
  if (range.kind === 'unsatisfiable') {
    throw new ApiError(
      416,
      'range_not_satisfiable',
      `The requested range is outside the ${source.size}-byte file.`,
      { headers: { 'content-range': `bytes */${source.size}`, 'accept-ranges': 'bytes' } },
    );
  }
  if (range.kind === 'full') {
    const length = source.size;
    return {
      status: 200,
      headers,
      length,
      body: length > 0 ? source.open(0, length - 1) : Buffer.alloc(0),
    };
  }
  headers['content-range'] = `bytes ${range.start}-${range.end}/${source.size}`;
  return {
    status: 206,
    headers,
    length: range.end - range.start + 1,
    body: source.open(range.start, range.end),
  };
}
