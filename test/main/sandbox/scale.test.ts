import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import { demoAccessToken, queyeHeaders, withSandbox } from '../../support/sandbox.ts';

describe('start-up and scale', () => {
  it('starts with the default data well under a second (bound kept generous)', async () => {
    // Two runs: the first also pays for loading the modules.
    for (const run of [1, 2]) {
      const started = performance.now();
      const sandbox = await startSandbox();
      const ms = performance.now() - started;
      console.info(
        `[sandbox] default start-up, run ${run}: ${ms.toFixed(1)} ms (startupMs ${sandbox.startupMs})`,
      );
      expect(sandbox.stores).toHaveLength(1200);
      await sandbox.close();
      expect(ms).toBeLessThan(5000);
    }
  });

  it('serves 500 pages of 200 from a 100,000-track library', async () => {
    const generated = performance.now();
    await withSandbox(
      async (sandbox) => {
        console.info(
          `[sandbox] 100,000-track sandbox started in ${(performance.now() - generated).toFixed(0)} ms (startupMs ${sandbox.startupMs})`,
        );
        const headers = queyeHeaders(sandbox, demoAccessToken(sandbox));
        const seen = new Set<number>();
        let cursor: string | null = null;
        let pages = 0;
        const started = performance.now();
        do {
          const url: string = `${sandbox.queye.baseUrl}/library/tracks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const response = await fetch(url, { headers });
          const page = (await response.json()) as {
            items: Array<{ id: number }>;
            next_cursor: string | null;
          };
          for (const item of page.items) seen.add(item.id);
          cursor = page.next_cursor;
          pages++;
        } while (cursor);
        const ms = performance.now() - started;
        console.info(
          `[sandbox] served ${pages} pages of 200 (100,000 tracks) in ${ms.toFixed(0)} ms`,
        );
        expect(pages).toBe(500);
        expect(seen.size).toBe(100_000);
        expect(ms).toBeLessThan(10_000);
      },
      { tracks: 100_000 },
    );
  }, 60_000);
});
