import { mediaKinds } from '../../../src-preload/contract/contract.ts';
import type { MediaKind } from '../../../src-preload/contract/types.ts';
import type { Logger } from '../log/logger.ts';
import { hardenMediaResponse } from './harden-media-response.ts';

/** Serves one kind of media (`track`, `audio`) for a validated ID, honouring `Range`. */
export type MediaProvider = (id: string, request: Request) => Promise<Response>;

export interface MediaRouter {
  /** Handles `media://<kind>/<id>` (Electron) or `…/__aislecast/media/<kind>/<id>` (host). */
  handle(request: Request): Promise<Response>;
  register(kind: MediaKind, provider: MediaProvider): void;
}

const idPattern = /^[A-Za-z0-9_-]{1,128}$/;
const kinds = new Set<string>(mediaKinds);

function problem(status: number, code: string): Response {
  return new Response(JSON.stringify({ error: { code } }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/** Extracts kind and ID from either URL form; anything else is rejected. */
export function parseMediaUrl(url: string): { kind: MediaKind; id: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  let parts: string[];
  if (parsed.protocol === 'media:') {
    parts = [parsed.hostname, ...parsed.pathname.split('/').filter(Boolean)];
  } else {
    const match = /^\/__aislecast\/media\/(.+)$/.exec(parsed.pathname);
    if (!match) return undefined;
    parts = match[1]!.split('/');
  }
  if (parts.length !== 2 || parsed.search) return undefined;
  const [kind, rawId] = parts as [string, string];
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return undefined;
  }
  if (!kinds.has(kind) || !idPattern.test(id)) return undefined;
  return { kind: kind as MediaKind, id };
}

export function createMediaRouter(log: Logger): MediaRouter {
  const providers = new Map<MediaKind, MediaProvider>();
  // Every answer is hardened here, so Electron's `media://` and the browser host serve alike.
  return {
    register(kind, provider) {
      providers.set(kind, provider);
    },
    async handle(request) {
      return hardenMediaResponse(await answer(request));
    },
  };

  async function answer(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return problem(405, 'method_not_allowed');
    const target = parseMediaUrl(request.url);
    if (!target) return problem(400, 'invalid_media_reference');
    const provider = providers.get(target.kind);
    if (!provider) return problem(404, 'not_found');
    try {
      return await provider(target.id, request);
    } catch (error) {
      log.error({ err: error, kind: target.kind }, 'media request failed');
      return problem(502, 'upstream_failed');
    }
  }
}
