// P9: broadcasts through the outbox and the governor against the sandbox. 1,000 stores in
// chunks of 100 must take exactly 10 send requests and no 429; with the minute window scaled
// down until it binds, throughput as a ratio to that window's ceiling; 10,000 stores (minute
// windows of one second so a run takes seconds) complete with no self-caused 429; history over
// 300 jobs (see broadcast-history.ts) stays quick.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startSandbox,
  type SandboxHandle,
  type SandboxOptions,
} from '../../src-main/sandbox/index.ts';
import { createInstanceLock } from '../../src-main/services/broadcast/instance-lock.ts';
import { createJobStore } from '../../src-main/services/broadcast/job-store.ts';
import { createOutbox } from '../../src-main/services/broadcast/outbox.ts';
import { createDamagedFiles } from '../../src-main/services/files/damaged-files.ts';
import { createHttpClient } from '../../src-main/services/http/http-client.ts';
import { silentLogger } from '../../src-main/services/log/logger.ts';
import { createMusiqueApi } from '../../src-main/services/musique/client.ts';
import { systemGovernorClock } from '../../src-main/services/musique/governor/clock.ts';
import { createGovernor } from '../../src-main/services/musique/governor/governor.ts';
import { createQuotaTracker } from '../../src-main/services/musique/governor/quota.ts';
import { musiqueRoutes } from '../../src-main/services/musique/routes.ts';
import { median, round } from '../support/stats.ts';
import { historyRows } from './broadcast-history.ts';
import type { BenchRow } from '../support/types.ts';
import type { BenchSuite } from '../support/types.ts';

interface Windows {
  limits: { minute: number; hour: number; day: number };
  windowMs: { minute: number; hour: number; day: number };
}

/** One broadcast of `stores` stores through a fresh outbox; what the sandbox saw. */
async function run(sandbox: SandboxHandle, windows: Windows, stores: number, chunkSize: number) {
  await sandbox.control.reset();
  const dir = await mkdtemp(join(tmpdir(), 'aislecast-bench-broadcast-'));
  const log = silentLogger();
  const quota = createQuotaTracker({ now: () => systemGovernorClock.now(), ...windows });
  const governor = createGovernor({ quota, clock: systemGovernorClock });
  const http = createHttpClient({ service: 'musique', log, gate: governor });
  const api = createMusiqueApi(
    http,
    musiqueRoutes('v1', sandbox.musique.v1BaseUrl),
    sandbox.credentials.musiqueApiToken,
  );
  const byId = new Map(sandbox.stores.map((s) => [s.externalId, s]));
  const outbox = createOutbox({
    store: createJobStore({ dir, damagedFiles: createDamagedFiles({ dataDir: dir, log }), log }),
    lock: createInstanceLock(join(dir, 'engine.lock')),
    directory: { find: (id) => byId.get(id) },
    session: () => ({ api, sender: { host: sandbox.musique.origin } }),
    governor,
    clock: systemGovernorClock,
    log,
  });
  await outbox.start();
  const audioId = (await api.listPage(1, 1)).items[0]!.id;
  const request = {
    audioId,
    externalIds: sandbox.stores.slice(0, stores).map((s) => s.externalId),
    schedule: { kind: 'now' as const },
    options: {},
    chunkSize,
  };
  const plan = outbox.plan(request);
  await outbox.create(request);
  await outbox.idle();
  const job = outbox.list()[0]!;
  await outbox.dispose();
  await rm(dir, { recursive: true, force: true });
  const seen = sandbox.control.requests({ service: 'musique' });
  const sends = seen.filter((r) => r.method === 'POST' && r.path.endsWith('/send'));
  const times = sends.map((r) => Date.parse(r.at));
  // Every request of this token per window of the binding length (the sends and the reads).
  const perWindow = new Map<number, number>();
  for (const r of seen) {
    const index = Math.floor(Date.parse(r.at) / windows.windowMs.minute);
    perWindow.set(index, (perWindow.get(index) ?? 0) + 1);
  }
  return {
    plan,
    perWindow: [...perWindow.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n),
    sent: job.counts.sent,
    sends: sends.length,
    tooMany: seen.filter((r) => r.status === 429).length,
    duplicates: sandbox.control.ledgerDuplicates().length,
    spanMs: Math.max(...times) - Math.min(...times),
  };
}

const spread = (values: number[], digits = 2) =>
  `median ${round(median(values), digits)} (min ${round(Math.min(...values), digits)} – max ${round(Math.max(...values), digits)})`;

export const broadcastSuite: BenchSuite = {
  name: 'broadcast',
  title: 'P9: broadcasting through the outbox and the rate-limit governor',
  async run({ runs, log }) {
    const rows: BenchRow[] = [];
    const start = async (options: SandboxOptions) =>
      startSandbox({ warmAudio: false, stores: 10_000, ...options });

    // 1. Documented limits: 1,000 stores in chunks of 100.
    const standard: Windows = {
      limits: { minute: 100, hour: 1000, day: 10_000 },
      windowMs: { minute: 60_000, hour: 3_600_000, day: 86_400_000 },
    };
    let sandbox = await start({});
    const small: Array<Awaited<ReturnType<typeof run>>> = [];
    try {
      for (let i = 0; i < runs; i++) small.push(await run(sandbox, standard, 1000, 100));
    } finally {
      await sandbox.close();
    }
    const requests = small.map((r) => r.sends);
    rows.push({
      id: 'P9',
      metric: '1,000 stores, chunks of 100: send requests',
      value: median(requests),
      unit: 'requests',
      target: '= 10, no 429',
      pass: small.every(
        (r) => r.sends === 10 && r.tooMany === 0 && r.sent === 1000 && r.duplicates === 0,
      ),
      note: `429s ${small.map((r) => r.tooMany).join('/')}; ${spread(requests, 0)}`,
    });
    log(`1,000 stores: ${requests.join(', ')} requests`);

    // 2. A minute window scaled to 2 s with 20 requests: it binds for 200 requests.
    const tight: Windows = {
      limits: { minute: 20, hour: 1_000_000, day: 10_000_000 },
      windowMs: { minute: 2000, hour: 3_600_000, day: 86_400_000 },
    };
    sandbox = await start({
      rateLimits: { perMinute: 20, perHour: 1_000_000, perDay: 10_000_000, minuteMs: 2000 },
    });
    const bound: Array<Awaited<ReturnType<typeof run>>> = [];
    try {
      for (let i = 0; i < runs; i++) bound.push(await run(sandbox, tight, 2000, 10));
    } finally {
      await sandbox.close();
    }
    // Requests per window achieved against the 20 the window allows, over the windows the job
    // filled: the first and the last are partial (the job starts and ends inside them).
    const ratios = bound.map((r) => {
      const full = r.perWindow.slice(1, -1);
      return full.reduce((a, b) => a + b, 0) / (full.length * 20);
    });
    rows.push({
      id: 'P9-throughput',
      metric: 'binding window (20 per 2 s): throughput / ceiling',
      value: round(median(ratios), 3),
      unit: 'ratio',
      target: '≥ 0.9, no 429',
      pass: median(ratios) >= 0.9 && bound.every((r) => r.tooMany === 0 && r.duplicates === 0),
      note: `${bound[0]?.sends} requests; 429s ${bound.map((r) => r.tooMany).join('/')}; ${spread(ratios, 3)}`,
    });
    log(`binding window ratios: ${ratios.map((r) => round(r, 3)).join(', ')}`);

    // 3. 10,000 stores: the plan, and the job completes without a self-caused 429.
    const fast: Windows = {
      limits: { minute: 100, hour: 1000, day: 10_000 },
      windowMs: { minute: 1000, hour: 60_000, day: 3_600_000 },
    };
    sandbox = await start({
      rateLimits: {
        perMinute: 100,
        perHour: 1000,
        perDay: 10_000,
        minuteMs: 1000,
        hourMs: 60_000,
        dayMs: 3_600_000,
      },
    });
    const big: Array<Awaited<ReturnType<typeof run>>> = [];
    try {
      for (let i = 0; i < runs; i++) big.push(await run(sandbox, fast, 10_000, 100));
    } finally {
      await sandbox.close();
    }
    rows.push({
      id: 'P9-10k',
      metric: '10,000 stores: planned requests, completed with no 429',
      value: median(big.map((r) => r.sends)),
      unit: 'requests',
      target: 'plan 100, all sent, no 429',
      pass: big.every(
        (r) =>
          r.plan.requests === 100 && r.sent === 10_000 && r.tooMany === 0 && r.duplicates === 0,
      ),
      note: `forecast "${big[0]?.plan.forecast.summary}"; ${spread(
        big.map((r) => r.spanMs / 1000),
        2,
      )} s`,
    });

    // 4. History at scale: 300 jobs, ten of them to 10,000 stores.
    rows.push(...(await historyRows(runs, log)));
    return rows;
  },
};
