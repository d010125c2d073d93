import { Readable } from 'node:stream';
import type { ClientRequest, IncomingMessage, Net } from 'electron';

/**
 * Every request main makes, through Chromium's network stack (system proxy, certificate
 * store), with two differences from a page's fetch:
 * - `cache: 'no-store'` and `credentials: 'omit'`: API answers and audio ranges are never
 *   served from or written to Chromium's HTTP cache, and no cookie jar rides along;
 * - a streamed body (an upload) goes through `net.request` with chunked encoding. `net.fetch`
 *   would read the whole stream into memory before sending a byte (its ClientRequest is not
 *   chunked), so progress would jump to 100 % and a stall timer would cover the real
 *   transfer. Chunked, each slice is written only once the previous one was handed to the
 *   network, so reading the stream measures what really leaves.
 */
export function createElectronFetch(net: Pick<Net, 'fetch' | 'request'>): typeof fetch {
  return (input, init) => {
    const body = init?.body;
    if (body instanceof ReadableStream) return streamingRequest(net, input, init!, body);
    const request = input instanceof URL ? input.href : input;
    // Electron's typings omit `cache`, but net.fetch builds a standard Request from the init
    // and hands its cache mode to the URL loader.
    return net.fetch(request, { ...init, cache: 'no-store', credentials: 'omit' } as RequestInit);
  };
}

/** Headers Chromium sets itself; a chunked body has no length. */
const dropped = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

function streamingRequest(
  net: Pick<Net, 'request'>,
  input: Parameters<typeof fetch>[0],
  init: RequestInit,
  body: ReadableStream<Uint8Array>,
): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  const signal = init.signal ?? undefined;
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) {
      void body.cancel(signal.reason).catch(() => undefined);
      reject(signal.reason as Error);
      return;
    }
    const request: ClientRequest = net.request({
      method: init.method ?? 'POST',
      url,
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
    });
    request.chunkedEncoding = true;
    for (const [name, value] of new Headers(init.headers)) {
      if (!dropped.has(name)) request.setHeader(name, value);
    }
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = () => {
      request.abort();
      void body.cancel(signal?.reason).catch(() => undefined);
      fail(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('response', (response: IncomingMessage) => {
      if (settled) return;
      settled = true;
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers))
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      const empty = [101, 204, 205, 304].includes(response.statusCode);
      resolve(
        new Response(
          empty ? null : (Readable.toWeb(response as unknown as Readable) as ReadableStream),
          { status: response.statusCode, statusText: response.statusMessage, headers },
        ),
      );
    });
    request.on('error', (error: Error) => {
      void body.cancel(error).catch(() => undefined);
      fail(error);
    });
    void pump(body, request).catch(fail);
  });
}

/** Writes one slice at a time, waiting until the network has taken it before reading more. */
async function pump(body: ReadableStream<Uint8Array>, request: ClientRequest): Promise<void> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    await new Promise<void>((resolve, reject) => {
      request.once('error', reject);
      request.write(
        Buffer.from(value.buffer, value.byteOffset, value.byteLength),
        undefined,
        () => {
          request.off('error', reject);
          resolve();
        },
      );
    });
  }
  request.end();
}
