import type { HttpResult } from '../http/http-client.ts';
import type { Query, QueyeRequest } from '../queye/queye-feature.ts';
import { appError } from '../core/errors.ts';
import { pageOf, type Page } from './parse.ts';

export type Requester = <T = unknown>(request: QueyeRequest) => Promise<HttpResult<T>>;

export const trackPageLimit = 200;

/** One page of a list endpoint, read tolerantly. */
export async function fetchPage(
  request: Requester,
  path: string,
  key: string,
  query: Query,
  signal: AbortSignal,
): Promise<Page> {
  const { data } = await request({ path, query: { limit: trackPageLimit, ...query }, signal });
  return pageOf(data, key);
}

/** A page could not be fetched; `cursor` is where a later attempt should start again. */
export class PageFailed extends Error {
  readonly cursor: string | undefined;
  constructor(cause: unknown, cursor: string | undefined) {
    super('a page failed', { cause });
    this.name = 'PageFailed';
    this.cursor = cursor;
  }
}

/**
 * Follows `next_cursor` to the end, handing each page over as it arrives. The next page is
 * requested as soon as its cursor is known, before this page's items are processed, so that
 * work overlaps the network instead of adding to it. A cursor that comes back twice would loop
 * for ever; that is a server fault and is reported as one.
 */
export async function followCursor(
  request: Requester,
  path: string,
  key: string,
  options: { query?: Query; cursor?: string; signal: AbortSignal },
  onPage: (page: Page, cursor: string | undefined) => void | Promise<void>,
): Promise<void> {
  const seen = new Set<string>();
  const fetchAt = (cursor: string | undefined) => {
    const pending = fetchPage(request, path, key, { ...options.query, cursor }, options.signal);
    // Observed below; this keeps a failure during `onPage` from counting as unhandled.
    pending.catch(() => undefined);
    return pending;
  };
  let cursor = options.cursor;
  let pending = fetchAt(cursor);
  for (;;) {
    let page: Page;
    try {
      page = await pending;
    } catch (error) {
      throw new PageFailed(error, cursor);
    }
    const next = page.nextCursor;
    if (next) {
      if (seen.has(next)) {
        throw appError('paging_loop', 'Queye Music kept sending the same page of the library.', {
          service: 'queye',
          action: 'Try syncing again later; if it repeats, contact Queye support.',
        });
      }
      seen.add(next);
      pending = fetchAt(next);
      // Let the request actually leave (it goes out through a few promise steps) before this
      // page's items take the thread.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await onPage(page, cursor);
    if (!next) return;
    cursor = next;
  }
}

/** Every item of a (small) list endpoint. */
export async function listAll(
  request: Requester,
  path: string,
  key: string,
  signal: AbortSignal,
): Promise<unknown[]> {
  const items: unknown[] = [];
  try {
    await followCursor(request, path, key, { signal }, (page) => {
      items.push(...page.items);
    });
  } catch (error) {
    throw error instanceof PageFailed ? error.cause : error;
  }
  return items;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}
