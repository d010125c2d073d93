import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import { demoAccessToken, queyeHeaders, withSandbox } from '../../support/sandbox.ts';

// How fast: `npm run bench` (suite "sandbox": S1 start-up < 1 s, S3 100,000 tracks < 10 s).
// Here only what must hold whatever the machine's speed.
describe('start-up and scale', () => {
  it('starts and stops with the default data, twice in a row', async () => {
    for (const _run of [1, 2]) {
      const sandbox = await startSandbox();
      expect(sandbox.stores).toHaveLength(1200);
      expect(sandbox.control.librarySummary().track_count).toBe(320);
      expect(sandbox.startupMs).toBeGreaterThan(0);
      await sandbox.close();
    }
  });

  it('serves all 100,000 tracks of a big library in 500 pages of 200, each exactly once', async () => {
    await withSandbox(
      async (sandbox) => {
        const headers = queyeHeaders(sandbox, demoAccessToken(sandbox));
        const seen = new Set<number>();
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `${sandbox.queye.baseUrl}/library/tracks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const response = await fetch(url, { headers });
          expect(response.status).toBe(200);
          const page = (await response.json()) as {
            items: Array<{ id: number }>;
            next_cursor: string | null;
          };
          for (const item of page.items) seen.add(item.id);
          cursor = page.next_cursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(500);
        expect(seen.size).toBe(100_000);
      },
      { tracks: 100_000 },
    );
  }, 60_000);
});
