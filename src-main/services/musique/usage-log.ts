/**
 * The legacy usage log, a page at a time. Musique filters by date, endpoint (prefix), exact
 * status and method; a status *class* (4xx…) it cannot filter, so for that the log is read in
 * pages of 200 and filtered here, a bounded number of pages per call, with a cursor
 * (`page:offset`) to carry on where the last page stopped.
 */
import type {
  UsageEntry,
  UsageLogPage,
  UsageLogQuery,
} from '../../../src-preload/contract/schemas/musique.ts';
import { appError } from '../core/errors.ts';
import type { MusiqueApi, UsageFilter } from './client.ts';

const scanPageSize = 200;
/** Upstream pages read per call when filtering by status class (each costs one request). */
const maxScanPages = 5;

export async function readUsageLog(api: MusiqueApi, query: UsageLogQuery): Promise<UsageLogPage> {
  if (!api.routes.logs) {
    throw appError(
      'logs_unavailable',
      'The usage log is only offered by the legacy edition of the Musique API.',
      {
        action: 'Switch the route profile to legacy under Settings → Musique → Advanced to see it.',
      },
    );
  }
  const limit = query.limit ?? 50;
  const [pagePart, offsetPart] = (query.cursor ?? '1').split(':');
  const firstPage = Math.max(1, Number(pagePart));
  const filter: Omit<UsageFilter, 'page' | 'limit'> = {
    ...(query.startDate ? { startDate: query.startDate } : {}),
    ...(query.endDate ? { endDate: query.endDate } : {}),
    ...(query.endpoint ? { endpoint: query.endpoint } : {}),
    ...(query.method ? { method: query.method } : {}),
  };

  if (!query.statusClass) {
    const page = await api.logs({ ...filter, page: firstPage, limit });
    const more = page.total !== undefined ? firstPage * limit < page.total : page.count >= limit;
    return {
      items: page.items,
      ...(page.total !== undefined ? { total: page.total } : {}),
      ...(more ? { nextCursor: String(firstPage + 1) } : {}),
      scanned: page.count,
    };
  }

  const hundreds = Number(query.statusClass[0]);
  const wanted = (entry: UsageEntry) => Math.floor(entry.status / 100) === hundreds;
  const items: UsageEntry[] = [];
  let scanned = 0;
  let offset = Math.max(0, Number(offsetPart ?? 0));
  for (let page = firstPage; page < firstPage + maxScanPages; page++) {
    const result = await api.logs({ ...filter, page, limit: scanPageSize });
    scanned += result.count;
    for (let index = offset; index < result.items.length; index++) {
      const entry = result.items[index]!;
      if (!wanted(entry)) continue;
      items.push(entry);
      if (items.length === limit) {
        const last = index + 1 >= result.items.length && result.count < scanPageSize;
        return {
          items,
          scanned,
          ...(last
            ? {}
            : {
                nextCursor:
                  index + 1 >= result.items.length ? String(page + 1) : `${page}:${index + 1}`,
              }),
        };
      }
    }
    offset = 0;
    if (result.count < scanPageSize) return { items, scanned };
  }
  return { items, scanned, nextCursor: String(firstPage + maxScanPages) };
}
