import { startSandbox } from '../../src-main/sandbox/index.ts';
import { median, round, timed } from '../support/stats.ts';
import type { BenchSuite } from '../support/types.ts';

/** Follows every page of /library/tracks with bare fetch, the way a client would. */
export async function fetchAllTrackPages(
  baseUrl: string,
  headers: Record<string, string>,
): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  do {
    const url = new URL(`${baseUrl}/library/tracks`);
    url.searchParams.set('limit', '200');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { headers });
    const page = (await response.json()) as { items: unknown[]; next_cursor?: string | null };
    count += page.items.length;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return count;
}

export const sandboxSuite: BenchSuite = {
  name: 'sandbox',
  title: 'Sandbox: start-up and serving a 100,000-track library',
  async run({ runs, log }) {
    const starts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const sandbox = await startSandbox({ warmAudio: false });
      starts.push(sandbox.startupMs);
      await sandbox.close();
    }
    const big = await startSandbox({ tracks: 100_000, warmAudio: false });
    try {
      const token = big.control.issueQueyeTokens().accessToken;
      const headers = {
        'x-queye-client-key': big.credentials.queyeClientKey,
        authorization: `Bearer ${token}`,
      };
      const serve: number[] = [];
      for (let i = 0; i < Math.min(runs, 3); i++) {
        const { ms, value } = await timed(() => fetchAllTrackPages(big.queye.baseUrl, headers));
        if (value !== 100_000) throw new Error(`served ${value} tracks, expected 100,000`);
        serve.push(ms);
      }
      log(
        `start-ups ${starts.map((v) => round(v)).join(', ')} ms; 500 pages ${serve.map((v) => round(v)).join(', ')} ms`,
      );
      return [
        {
          id: 'S1',
          metric: 'start-up, default data (median)',
          value: round(median(starts)),
          unit: 'ms',
          target: '< 1,000 ms',
          pass: median(starts) < 1000,
        },
        {
          id: 'S2',
          metric: 'start-up with 100,000 tracks',
          value: round(big.startupMs),
          unit: 'ms',
        },
        {
          id: 'S3',
          metric: '100,000 tracks served (500 pages of 200, median)',
          value: round(median(serve) / 1000, 2),
          unit: 's',
          target: '< 10 s',
          pass: median(serve) < 10_000,
        },
      ];
    } finally {
      await big.close();
    }
  },
};
