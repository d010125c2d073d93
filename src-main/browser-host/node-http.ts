import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** A Node request as a fetch `Request` (GET/HEAD only: the host serves files and media). */
export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return new Request(new URL(req.url ?? '/', origin), { method: req.method ?? 'GET', headers });
}

/** Streams a fetch `Response` to Node, cancelling the source when the client goes away. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  try {
    // DOM and Node declare different ReadableStream types for the same object; the cast is
    // needed where both libs are loaded (the test project) and looks redundant elsewhere.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    await pipeline(Readable.fromWeb(response.body as unknown as WebReadableStream), res);
  } catch {
    // The browser aborted (a seek, a skipped track): the pipeline already cleaned up.
  }
}
