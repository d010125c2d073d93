import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reply } from './reply.ts';

/** How the bytes of a reply go out: normally, or damaged by an injected fault. */
export type Delivery =
  | { kind: 'normal' }
  /** The body trickles out at this rate. */
  | { kind: 'slow'; bytesPerSec: number }
  /** TCP reset after this many body bytes (headers already sent); before the headers if absent. */
  | { kind: 'reset'; afterBytes?: number }
  /** A JSON body cut in half, so it no longer parses (Content-Length still matches). */
  | { kind: 'malformed' };

const normal: Delivery = { kind: 'normal' };

function discard(body: Reply['body']): void {
  if (body instanceof Readable) body.destroy();
}

function payload(reply: Reply, delivery: Delivery): { body?: Buffer | Readable; length: number } {
  if (reply.json !== undefined) {
    let text = JSON.stringify(reply.json);
    if (delivery.kind === 'malformed')
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const body = Buffer.from(text, 'utf8');
    return { body, length: body.length };
  }
  if (reply.body instanceof Readable) return { body: reply.body, length: reply.length ?? 0 };
  if (reply.body) return { body: reply.body, length: reply.body.length };
  return { length: 0 };
}

async function* throttled(
  body: Buffer | Readable,
  bytesPerSec: number,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  // Ten slices a second: smooth enough for a media element to see a slow, steady trickle.
  const slice = Math.max(1, Math.floor(bytesPerSec / 10));
  const source: AsyncIterable<Buffer> | Iterable<Buffer> =
    body instanceof Readable ? (body as AsyncIterable<Buffer>) : [body];
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; offset += slice) {
      const part = chunk.subarray(offset, offset + slice);
      yield part;
      await sleep((part.length / bytesPerSec) * 1000, undefined, { signal });
    }
  }
}

async function firstBytes(body: Buffer | Readable, count: number): Promise<Buffer> {
  if (!(body instanceof Readable)) return body.subarray(0, count);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    parts.push(chunk);
    total += chunk.length;
    if (total >= count) break;
  }
  body.destroy();
  return Buffer.concat(parts).subarray(0, count);
}

/**
 * Writes a reply. Errors from a client that went away mid-body are expected (media elements
 * abort requests when they seek) and are swallowed: the request log records what happened.
 */
export async function writeReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  signal: AbortSignal,
  delivery: Delivery = normal,
): Promise<void> {
  if (delivery.kind === 'reset' && delivery.afterBytes === undefined) {
    discard(reply.body);
    req.socket.resetAndDestroy();
    return;
  }
  const { body, length } = payload(reply, delivery);
  if (reply.json !== undefined) reply.headers['content-type'] ??= 'application/json; charset=utf-8';
  reply.headers['content-length'] = String(length);
  res.writeHead(reply.status, reply.headers);
  if (req.method === 'HEAD' || !body || length === 0) {
    discard(body);
    res.end();
    return;
  }
  try {
    if (delivery.kind === 'reset') {
      // Headers and the first bytes reach the client, then the connection is torn down.
      const head = await firstBytes(body, delivery.afterBytes ?? 0);
      await new Promise<void>((resolve) => res.write(head, () => resolve()));
      res.socket?.resetAndDestroy();
    } else if (delivery.kind === 'slow') {
      await pipeline(Readable.from(throttled(body, delivery.bytesPerSec, signal)), res, { signal });
    } else if (body instanceof Readable) {
      await pipeline(body, res, { signal });
    } else {
      res.end(body);
    }
  } catch {
    discard(body);
    if (!res.destroyed) res.destroy();
  }
}
