// P9-history: broadcast history at scale — 300 jobs on disk, 10 of them to 10,000 stores and
// 290 to 200 stores (158,000 store rows). Reading every journal back at start-up, one page of
// history filtered by store and status, one store's history across all jobs, and a 10,000-row
// job as CSV.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistory } from '../../src-main/services/broadcast/history.ts';
import { createJobStore } from '../../src-main/services/broadcast/job-store.ts';
import { encodeRecord } from '../../src-main/services/broadcast/journal.ts';
import type { JobRecord, JournalRecord } from '../../src-main/services/broadcast/records.ts';
import { summarize } from '../../src-main/services/broadcast/summary.ts';
import { createDamagedFiles } from '../../src-main/services/files/damaged-files.ts';
import { silentLogger } from '../../src-main/services/log/logger.ts';
import { median, repeat, round, timed } from '../support/stats.ts';
import type { BenchRow } from '../support/types.ts';

const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `store_${String(i + 1).padStart(5, '0')}`);

/** A finished job's journal: every chunk attempted and answered, one store in 50 refused. */
function journal(index: number, stores: number, at: number): string {
  const all = ids(stores);
  const chunks = [];
  for (let i = 0; i < all.length; i += 100)
    chunks.push({ index: chunks.length, externalIds: all.slice(i, i + 100) });
  const job: JobRecord = {
    type: 'job',
    id: `job_bench_${String(index).padStart(4, '0')}`,
    at,
    audioId: `aud_${index % 7}`,
    audioName: `Announcement ${index % 7}`,
    schedule: { kind: 'now' },
    options: {},
    chunkSize: 100,
    chunks,
    sender: { externalId: 'hq', environment: 'prod', host: 'https://musique.example' },
  };
  const records: JournalRecord[] = [job];
  for (const chunk of chunks) {
    const t = at + chunk.index * 1000;
    records.push({
      type: 'attempt',
      at: t,
      chunk: chunk.index,
      attempt: 1,
      externalIds: chunk.externalIds,
    });
    const failed = chunk.externalIds
      .filter((_, i) => i % 50 === 7)
      .map((externalId) => ({ externalId, reason: 'unknown store' }));
    records.push(
      failed.length && index % 3 === 0
        ? {
            type: 'outcome',
            at: t + 200,
            chunk: chunk.index,
            attempt: 1,
            result: 'refused',
            requestId: `req_${index}_${chunk.index}`,
            error: { code: 'unprocessable', message: 'some stores are unknown' },
            failed,
          }
        : {
            type: 'outcome',
            at: t + 200,
            chunk: chunk.index,
            attempt: 1,
            result: 'sent',
            requestId: `req_${index}_${chunk.index}`,
            sendId: `snd_${index}_${chunk.index}`,
          },
    );
  }
  // The refused ones' neighbours went back to pending and were sent in a second attempt.
  if (index % 3 === 0)
    for (const chunk of chunks)
      records.push(
        {
          type: 'attempt',
          at: at + 999_000,
          chunk: chunk.index,
          attempt: 2,
          externalIds: chunk.externalIds.filter((_, i) => i % 50 !== 7),
        },
        { type: 'outcome', at: at + 999_500, chunk: chunk.index, attempt: 2, result: 'sent' },
      );
  return records.map(encodeRecord).join('');
}

export async function historyRows(
  runs: number,
  log: (message: string) => void,
): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'aislecast-bench-history-'));
  try {
    const outbox = join(dir, 'outbox');
    await mkdir(outbox);
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 300; i++)
      await writeFile(
        join(outbox, `job_bench_${String(i).padStart(4, '0')}.journal`),
        journal(i, i % 30 === 0 ? 10_000 : 200, start + i * 3_600_000),
      );
    const logger = silentLogger();
    const open = () =>
      createJobStore({
        dir: outbox,
        damagedFiles: createDamagedFiles({ dataDir: dir, log: logger }),
        log: logger,
      });
    const loads: number[] = [];
    let store = open();
    for (let i = 0; i < runs; i++) {
      store = open();
      loads.push((await timed(() => store.load())).ms);
    }
    const history = createHistory({
      jobs: () => store.jobs(),
      get: (id) => store.get(id),
      summary: (state) => summarize(state),
      historyDays: () => 365,
    });
    const rowsTotal = store.jobs().reduce((n, s) => n + s.rows.size, 0);
    const page = await repeat(runs, () => {
      history.page({ offset: 0, limit: 50, externalId: 'store_00150', status: 'with-failures' });
      return Promise.resolve(history.page({ offset: 100, limit: 50 }));
    });
    const storePage = await repeat(runs, () =>
      Promise.resolve(history.storeHistory('store_00150', { offset: 0, limit: 100 })),
    );
    const bigJob = store.jobs().find((s) => s.rows.size === 10_000)!.job.id;
    let exported = 0;
    const csv = await repeat(runs, () => {
      exported = history.exportJob(bigJob).rows;
      return Promise.resolve();
    });
    const spread = (values: number[]) =>
      `median ${round(median(values))} (min ${round(Math.min(...values))} – max ${round(Math.max(...values))}) ms`;
    log(`history: ${store.jobs().length} jobs, ${rowsTotal} rows; load ${spread(loads)}`);
    return [
      {
        id: 'P9-history-load',
        metric: `300 job journals (${rowsTotal.toLocaleString('en')} store rows) read at start-up`,
        value: round(median(loads)),
        unit: 'ms',
        target: '≤ 3000 ms',
        pass: median(loads) <= 3000,
        note: spread(loads),
      },
      {
        id: 'P9-history-page',
        metric: 'two history pages (store + status filter; plain, offset 100)',
        value: round(median(page), 2),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: median(page) <= 50,
        note: spread(page),
      },
      {
        id: 'P9-history-store',
        metric: "one store's history across 300 jobs",
        value: round(median(storePage), 2),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: median(storePage) <= 50,
        note: spread(storePage),
      },
      {
        id: 'P9-history-csv',
        metric: `CSV export of a ${exported.toLocaleString('en')}-store job`,
        value: round(median(csv)),
        unit: 'ms',
        target: '≤ 500 ms',
        pass: median(csv) <= 500 && exported === 10_000,
        note: spread(csv),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
