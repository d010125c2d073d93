import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

/**
 * What the renderer bundle can hold. Chromium does not sniff a custom scheme's answers (and
 * `nosniff` forbids it anyway): a font, image, wasm module or audio file served as
 * `application/octet-stream` fails to load, and `WebAssembly.instantiateStreaming` insists on
 * `application/wasm`.
 */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.webm': 'audio/webm',
};

/** Maps a URL path to a file inside `root`, or undefined when it would escape it. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const target = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) return undefined;
  return target;
}

export interface StaticFileOptions {
  /** Headers added to every answer (the CSP). */
  headers?: Record<string, string>;
  /** Rewrites HTML before it is sent (the browser host injects its bridge). */
  transformHtml?: (html: string) => string;
}

/**
 * Serves the built renderer for the `app://` scheme and the browser host. A path that
 * escapes the folder is refused (the protocol docs' traversal check), not normalised.
 */
export function createStaticFileHandler(root: string, options: StaticFileOptions = {}) {
  const base = resolve(root);
  return async (request: Request): Promise<Response> => {
    const headers = new Headers(options.headers);
    headers.set('x-content-type-options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405, headers });
    const file = resolveInside(base, new URL(request.url).pathname);
    if (!file) return new Response('Forbidden', { status: 403, headers });
    try {
      const info = await stat(file);
      if (!info.isFile()) return new Response('Not found', { status: 404, headers });
      const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
      headers.set('content-type', type);
      headers.set('cache-control', 'no-cache');
      if (type.startsWith('text/html') && options.transformHtml) {
        const { readFile } = await import('node:fs/promises');
        const html = options.transformHtml(await readFile(file, 'utf8'));
        return new Response(request.method === 'HEAD' ? null : html, { status: 200, headers });
      }
      headers.set('content-length', String(info.size));
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return new Response(body, { status: 200, headers });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
