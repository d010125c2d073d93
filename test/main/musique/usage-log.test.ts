import { describe, expect, it } from 'vitest';
import type { UsageEntry } from '../../../src-preload/contract/schemas/musique.ts';
import type { MusiqueApi, UsageFilter } from '../../../src-main/services/musique/client.ts';
import { musiqueRoutes } from '../../../src-main/services/musique/routes.ts';
import { readUsageLog } from '../../../src-main/services/musique/usage-log.ts';

/** A log of `size` entries whose status cycles 200, 201, 404, 500; newest first. */
function fakeLog(size: number) {
  const entries: UsageEntry[] = Array.from({ length: size }, (_, i) => ({
    timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    method: i % 3 ? 'GET' : 'POST',
    endpoint: '/api/audio',
    status: [200, 201, 404, 500][i % 4]!,
  }));
  const asked: UsageFilter[] = [];
  const api = {
    routes: musiqueRoutes('legacy', 'https://api.musique.app'),
    logs(filter: UsageFilter) {
      asked.push(filter);
      const matching = entries.filter((e) => !filter.method || e.method === filter.method);
      const start = (filter.page - 1) * filter.limit;
      const items = matching.slice(start, start + filter.limit);
      return Promise.resolve({ items, count: items.length, total: matching.length });
    },
  } as unknown as MusiqueApi;
  return { api, asked, entries };
}

describe('usage log paging', () => {
  it('pages by page number when Musique can filter everything', async () => {
    const { api, asked } = fakeLog(120);
    const first = await readUsageLog(api, { limit: 50, method: 'GET', startDate: '2026-01-01' });
    expect(first).toMatchObject({ total: 80, nextCursor: '2', scanned: 50 });
    expect(asked[0]).toMatchObject({ page: 1, limit: 50, method: 'GET', startDate: '2026-01-01' });
    const last = await readUsageLog(api, { limit: 50, method: 'GET', cursor: '2' });
    expect(last.items).toHaveLength(30);
    expect(last.nextCursor).toBeUndefined();
  });

  it('filters a status class here, continuing exactly where the last page stopped', async () => {
    const { api, entries } = fakeLog(700);
    const expected = entries.filter((e) => e.status >= 400 && e.status < 500);
    const seen: UsageEntry[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page = await readUsageLog(api, {
        limit: 40,
        statusClass: '4xx',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.every((e) => e.status === 404)).toBe(true);
      expect(page.total).toBeUndefined();
      seen.push(...page.items);
      cursor = page.nextCursor;
      calls++;
    } while (cursor && calls < 20);
    expect(seen).toEqual(expected);
  });

  it('stops after a bounded scan and offers to carry on', async () => {
    const { api, asked } = fakeLog(2000);
    const page = await readUsageLog(api, { limit: 50, statusClass: '3xx' });
    expect(page.items).toEqual([]);
    expect(asked).toHaveLength(5);
    expect(page).toMatchObject({ scanned: 1000, nextCursor: '6' });
  });
});
