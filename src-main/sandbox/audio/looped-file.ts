import { Readable } from 'node:stream';
import type { RangeSource } from '../http/range.ts';

const sliceBytes = 64 * 1024;

/**
 * A file that exists only as a rule: an optional header, then `loop` repeated until the body is
 * `bodyLength` bytes long. Every library track is one of these over a shared piece, so 100,000
 * tracks cost no memory and any byte range is served straight from the piece (zero-copy slices).
 */
export function loopedFile(
  header: Buffer,
  loop: Buffer,
  bodyLength: number,
  contentType: string,
): RangeSource {
  if (loop.length === 0 && bodyLength > 0) throw new Error('loopedFile needs a non-empty loop');
  const size = header.length + bodyLength;
  return {
    size,
    contentType,
    open(start, end) {
      function* slices(): Generator<Buffer> {
        let position = start;
        while (position <= end) {
          const wanted = Math.min(end - position + 1, sliceBytes);
          let slice: Buffer;
          if (position < header.length) {
            slice = header.subarray(position, Math.min(header.length, position + wanted));
          } else {
            const at = (position - header.length) % loop.length;
            slice = loop.subarray(at, Math.min(loop.length, at + wanted));
          }
          position += slice.length;
          yield slice;
        }
      }
      return Readable.from(slices(), { objectMode: false });
    },
  };
}
