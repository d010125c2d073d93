import type { HttpResult } from '../http/http-client.ts';
import type { Query, QueyeRequest } from '../queye/queye-api.ts';
import { appError } from '../core/errors.ts';
import { pageOf, type Page } from './parse.ts';

export type Requester = <T = unknown>(request: QueyeRequest) => Promise<HttpResult<T>>;

export const pageLimit = 200;

/** One page of a list endpoint, read tolerantly. */
export async function fetchPage(
  request: Requester,
  path: string,
  key: string,
  query: Query,
  signal: AbortSignal,
): Promise<Page> {
  const { data } = await request({ path, query: { limit: pageLimit, ...query }, signal });
  return pageOf(data, key);
}

/**
 * Follows `next_cursor` to the end, handing each page over as it arrives. A cursor that comes
 * back twice would loop for ever; that is a server fault and is reported as one.
 */
export async function followCursor(
  request: Requester,
  path: string,
  key: string,
  options: { query?: Query; cursor?: string; signal: AbortSignal },
  onPage: (page: Page, cursor: string | undefined) => void | Promise<void>,
): Promise<void> {
  const seen = new Set<string>();
  let cursor = options.cursor;
  for (;;) {
    const page = await fetchPage(request, path, key, { ...options.query, cursor }, options.signal);
    await onPage(page, cursor);
    if (!page.nextCursor) return;
    if (seen.has(page.nextCursor)) {
      throw appError('paging_loop', 'Queye Music kept sending the same page of the library.', {
        service: 'queye',
        action: 'Try syncing again later; if it repeats, contact Queye support.',
      });
    }
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
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
  await followCursor(request, path, key, { signal }, (page) => {
    items.push(...page.items);
  });
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
