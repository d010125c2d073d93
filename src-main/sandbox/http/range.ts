import type { Readable } from 'node:stream';
import { answerRange } from '../../shared/byte-range.ts';
import { SandboxApiError, type Reply } from './reply.ts';

export interface RangeSource {
  size: number;
  contentType: string;
  /** A stream of bytes `start..end`, both inclusive. */
  open(start: number, end: number): Readable;
}

/**
 * 200 with the whole body, 206 with one range, or a 416 error carrying `Content-Range: *`. The
 * range rules are the app's own (`src-main/shared/byte-range.ts`), so the sandbox answers
 * exactly as the media the app slices itself.
 */
export function rangeReply(rangeHeader: string | undefined, source: RangeSource): Reply {
  const answer = answerRange(rangeHeader, source.size);
  const headers: Record<string, string> = {
    'content-type': source.contentType,
    'accept-ranges': 'bytes',
  };
  if (answer.status === 416) {
    throw new SandboxApiError(
      416,
      'range_not_satisfiable',
      `The requested range is outside the ${source.size}-byte file.`,
      { headers: { ...answer.headers, 'accept-ranges': 'bytes' } },
    );
  }
  if (answer.status === 200) {
    return {
      status: 200,
      headers,
      length: answer.length,
      body: answer.length > 0 ? source.open(0, answer.length - 1) : Buffer.alloc(0),
    };
  }
  return {
    status: 206,
    headers: { ...headers, ...answer.headers },
    length: answer.length,
    body: source.open(answer.start, answer.end),
  };
}
