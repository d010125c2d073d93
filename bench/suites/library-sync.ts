// P1 and P2: a full sync of a 100,000-track library (500 pages of 200) against bare `fetch` of
// the same pages in the same run, its peak RSS, and an incremental sync with nothing new.
import { median, round } from '../support/stats.ts';
import type { BenchSuite } from '../support/types.ts';
import { runWorker, sandboxProcess } from './library-processes.ts';

interface BareResult {
  ms: number;
  pages: number;
  peakRssMb: number;
}
interface AppResult {
  ms: number;
  tracks: number;
  peakRssMb: number;
  incremental: Array<{ ms: number; requests: number }>;
}

export const librarySyncSuite: BenchSuite = {
  name: 'library-sync',
  title: 'P1–P2: Queye library sync of 100,000 tracks',
  async run({ runs, log }) {
    const sandbox = await sandboxProcess(100_000);
    try {
      const ratios: number[] = [];
      const bareTimes: number[] = [];
      const appTimes: number[] = [];
      const rss: number[] = [];
      const incremental: Array<{ ms: number; requests: number }> = [];
      // Interleaved, so a slow moment of the machine hits both sides alike.
      const pairs = Math.max(1, Math.min(runs, 5));
      for (let i = 0; i < pairs; i++) {
        const bare = await runWorker<BareResult>({ mode: 'bare', target: sandbox.target });
        const app = await runWorker<AppResult>({
          mode: 'app',
          target: sandbox.target,
          incrementalRuns: 5,
        });
        if (bare.pages !== 500 || app.tracks !== 100_000) {
          throw new Error(
            `expected 500 pages and 100,000 tracks, got ${bare.pages} / ${app.tracks}`,
          );
        }
        ratios.push(app.ms / bare.ms);
        bareTimes.push(bare.ms);
        appTimes.push(app.ms);
        rss.push(app.peakRssMb);
        incremental.push(...app.incremental);
        log(
          `run ${i + 1}: bare ${round(bare.ms)} ms, sync ${round(app.ms)} ms (×${round(app.ms / bare.ms, 2)}), peak RSS ${app.peakRssMb} MB`,
        );
      }
      const ratio = round(median(ratios), 2);
      const peak = Math.max(...rss);
      const incrementalMs = round(median(incremental.map((run) => run.ms)));
      const incrementalRequests = Math.max(...incremental.map((run) => run.requests));
      return [
        {
          id: 'P1',
          metric: 'full sync / bare fetch of the same 500 pages',
          value: ratio,
          unit: 'ratio',
          target: '≤ 1.5×',
          pass: ratio <= 1.5,
          note: `median of ${pairs}; sync ${round(median(appTimes))} ms, bare ${round(median(bareTimes))} ms`,
        },
        {
          id: 'P1',
          metric: 'full sync peak RSS (whole app process)',
          value: peak,
          unit: 'MB',
          target: '≤ 300 MB',
          pass: peak <= 300,
        },
        {
          id: 'P2',
          metric: 'incremental sync, nothing new: requests',
          value: incrementalRequests,
          unit: 'requests',
          target: '1',
          pass: incrementalRequests === 1,
        },
        {
          id: 'P2',
          metric: 'incremental sync, nothing new: time',
          value: incrementalMs,
          unit: 'ms',
          target: '≤ 100 ms',
          pass: incrementalMs <= 100,
          note: `median of ${incremental.length}`,
        },
      ];
    } finally {
      await sandbox.stop();
    }
  },
};
