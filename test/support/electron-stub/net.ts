/**
 * `net` as Electron 45 behaves for request bodies (lib/browser/api/net-fetch.ts and
 * lib/common/api/net-client-request.ts): `net.fetch` pipes a stream body into a ClientRequest
 * that is not chunked, which slurps the whole body into memory and only then starts the
 * request — so a reader of the stream sees every byte "taken" before one is sent.
 * `net.request` with `chunkedEncoding = true` streams instead: each write completes only once
 * the chunk is handed to the network (here: flushed to the socket).
 */
import {
  request as httpRequest,
  type ClientRequest as NodeRequest,
  type IncomingMessage as NodeResponse,
} from 'node:http';
import { Readable, Writable } from 'node:stream';

export interface FetchRecord {
  url: string;
  method: string;
  cache?: RequestCache;
  credentials?: RequestCredentials;
  /** The request body was read to its end before the request started. */
  bodyBufferedBeforeSend: boolean;
}

export interface RequestRecord {
  url: string;
  method: string;
  cache?: string;
  credentials?: string;
  chunked: boolean;
  headers: Record<string, string>;
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function createNet(fetches: FetchRecord[], requests: RequestRecord[]) {
  async function fetchLikeElectron(input: string | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const record: FetchRecord = {
      url: request.url,
      method: request.method,
      cache: init?.cache,
      credentials: init?.credentials,
      bodyBufferedBeforeSend: false,
    };
    fetches.push(record);
    let body: Uint8Array | undefined;
    if (request.body) {
      // SlurpStream: the whole body is in memory before the URL loader is created.
      body = await drain(request.body);
      record.bodyBufferedBeforeSend = true;
    }
    if (request.signal.aborted) throw request.signal.reason;
    const headers = new Headers(request.headers);
    return fetch(request.url, {
      method: request.method,
      headers,
      body: body as BodyInit | undefined,
      signal: request.signal,
      redirect: request.redirect,
    });
  }

  class IncomingMessage extends Readable {
    statusCode: number;
    statusMessage: string;
    headers: Record<string, string | string[]>;
    constructor(source: NodeResponse) {
      super({ read: () => source.resume() });
      this.statusCode = source.statusCode ?? 0;
      this.statusMessage = source.statusMessage ?? '';
      this.headers = {};
      for (const [key, value] of Object.entries(source.headers))
        if (value !== undefined) this.headers[key] = value;
      source.on('data', (chunk: Buffer) => {
        if (!this.push(chunk)) source.pause();
      });
      source.on('end', () => this.push(null));
      source.on('error', (error) => this.destroy(error));
    }
  }

  class ClientRequest extends Writable {
    readonly record: RequestRecord;
    private chunked: boolean | undefined;
    private started = false;
    private firstWrite = false;
    private aborted = false;
    private slurped: Buffer[] = [];
    private outgoing: NodeRequest | undefined;
    constructor(options: {
      url: string;
      method?: string;
      cache?: string;
      credentials?: string;
      redirect?: string;
    }) {
      super();
      this.record = {
        url: options.url,
        method: options.method ?? 'GET',
        cache: options.cache,
        credentials: options.credentials,
        chunked: false,
        headers: {},
      };
      requests.push(this.record);
    }
    get chunkedEncoding() {
      return this.chunked ?? false;
    }
    set chunkedEncoding(value: boolean) {
      if (this.started)
        throw new Error('chunkedEncoding can only be set before the request is started');
      if (this.chunked !== undefined) throw new Error('chunkedEncoding can only be set once');
      this.chunked = value;
      this.record.chunked = value;
    }
    setHeader(name: string, value: string) {
      if (this.started || this.firstWrite) throw new Error("Can't set headers after they are sent");
      this.record.headers[name.toLowerCase()] = value;
    }
    getHeader(name: string) {
      return this.record.headers[name.toLowerCase()];
    }
    private start(body?: Buffer) {
      this.started = true;
      const url = new URL(this.record.url);
      const headers = { ...this.record.headers };
      if (this.chunked) {
        // Chromium sends a streamed body chunked; a Content-Length beside it is refused.
        if ('content-length' in headers) {
          this.destroy(new Error('net::ERR_INVALID_ARGUMENT'));
          return undefined;
        }
        headers['transfer-encoding'] = 'chunked';
      } else headers['content-length'] = String(body?.byteLength ?? 0);
      const outgoing = httpRequest({
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: this.record.method,
        headers,
      });
      outgoing.on('response', (response) => this.emit('response', new IncomingMessage(response)));
      outgoing.on('error', (error) => {
        if (!this.aborted)
          this.emit('error', new Error(`net::ERR_CONNECTION_RESET ${error.message}`));
      });
      this.outgoing = outgoing;
      if (body) outgoing.end(body);
      return outgoing;
    }
    override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error) => void) {
      this.firstWrite = true;
      if (!this.chunked) {
        this.slurped.push(chunk);
        callback();
        return;
      }
      const outgoing = this.outgoing ?? this.start();
      if (!outgoing) return callback(new Error('request failed'));
      // Resolves when the chunk is flushed to the socket: where Electron's data pipe write resolves.
      outgoing.write(chunk, (error) => callback(error ?? undefined));
    }
    override _final(callback: (error?: Error) => void) {
      if (!this.chunked) this.start(Buffer.concat(this.slurped));
      else (this.outgoing ?? this.start())?.end();
      callback();
    }
    abort() {
      if (this.aborted) return;
      this.aborted = true;
      this.outgoing?.destroy();
      process.nextTick(() => this.emit('abort'));
      this.destroy();
    }
  }

  return {
    fetch: fetchLikeElectron,
    request: (options: ConstructorParameters<typeof ClientRequest>[0]) =>
      new ClientRequest(options),
    ClientRequest,
  };
}
