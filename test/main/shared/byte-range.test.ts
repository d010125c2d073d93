import { describe, expect, it } from 'vitest';
import {
  answerFromWholeBody,
  answerRange,
  parseRange,
  sliceBody,
} from '../../../src-main/shared/byte-range.ts';

const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);

/** The 100 bytes above, delivered in chunks of `size` so slices cross chunk boundaries. */
function chunked(size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function read(body: ReadableStream<Uint8Array> | null): Promise<number[]> {
  return body ? [...new Uint8Array(await new Response(body).arrayBuffer())] : [];
}

describe('Range parsing', () => {
  it.each([
    [undefined, 100, { kind: 'full' }],
    [null, 100, { kind: 'full' }],
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    [' bytes=0-9 ', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=90-500', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=99-99', 100, { kind: 'partial', start: 99, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=100-200', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=-5', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-1', 100, { kind: 'full' }],
    ['bytes=0-1,3-4', 100, { kind: 'full' }],
    ['bytes=x', 100, { kind: 'full' }],
    ['pages=1-2', 100, { kind: 'full' }],
    ['bytes=-', 100, { kind: 'full' }],
  ])('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('Range answers', () => {
  it('gives status, length and Content-Range for each kind of header', () => {
    expect(answerRange('bytes=10-19', 100)).toEqual({
      status: 206,
      start: 10,
      end: 19,
      length: 10,
      headers: { 'content-range': 'bytes 10-19/100' },
    });
    expect(answerRange('bytes=-10', 100)).toMatchObject({ status: 206, length: 10 });
    expect(answerRange('bytes=100-', 100)).toEqual({
      status: 416,
      headers: { 'content-range': 'bytes */100' },
    });
    expect(answerRange('bytes=0-1,3-4', 100)).toEqual({ status: 200, length: 100, headers: {} });
    expect(answerRange(undefined, 100)).toEqual({ status: 200, length: 100, headers: {} });
  });
});

describe('Slicing a whole body', () => {
  it.each([1, 7, 100])('cuts bytes across chunks of %i', async (size) => {
    expect(await read(sliceBody(chunked(size), 5, 12))).toEqual([...bytes.slice(5, 13)]);
    expect(await read(sliceBody(chunked(size), 95, 99))).toEqual([...bytes.slice(95)]);
  });

  it('answers a single range with 206 and only those bytes', async () => {
    const headers = new Headers({ 'content-type': 'audio/mpeg', 'content-length': '100' });
    const response = answerFromWholeBody('bytes=20-29', 100, chunked(8), headers, false);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 20-29/100');
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(await read(response.body)).toEqual([...bytes.slice(20, 30)]);
  });

  it('answers suffix and open-ended ranges from the end of the body', async () => {
    const suffix = answerFromWholeBody('bytes=-3', 100, chunked(8), new Headers(), false);
    expect(suffix.headers.get('content-range')).toBe('bytes 97-99/100');
    expect(await read(suffix.body)).toEqual([97, 98, 99]);
    const open = answerFromWholeBody('bytes=98-', 100, chunked(8), new Headers(), false);
    expect(open.headers.get('content-range')).toBe('bytes 98-99/100');
    expect(await read(open.body)).toEqual([98, 99]);
  });

  it('answers a range past the end with 416 and no body', () => {
    const headers = new Headers({ 'content-length': '100' });
    const response = answerFromWholeBody('bytes=100-', 100, chunked(8), headers, false);
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */100');
    expect(response.headers.has('content-length')).toBe(false);
    expect(response.body).toBeNull();
  });

  it.each(['bytes=x', 'bytes=0-1,3-4', 'bytes=5-1', 'items=0-9'])(
    'answers %s with the whole body',
    async (range) => {
      const headers = new Headers({ 'content-length': '100' });
      const response = answerFromWholeBody(range, 100, chunked(8), headers, false);
      expect(response.status).toBe(200);
      expect(response.headers.has('content-range')).toBe(false);
      expect(await read(response.body)).toEqual([...bytes]);
    },
  );

  it('answers HEAD with the headers of the range and no body', () => {
    const response = answerFromWholeBody('bytes=0-9', 100, chunked(8), new Headers(), true);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe('10');
    expect(response.body).toBeNull();
  });
});
