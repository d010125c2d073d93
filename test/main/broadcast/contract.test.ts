import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type { BroadcastJob } from '../../../src-preload/contract/schemas/broadcast.ts';
import type { CallName } from '../../../src-preload/contract/types.ts';
import { createServices, type Services } from '../../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../../src-main/services/runtime/node-runtime.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { directoryOf, storeIds } from './outbox-harness.ts';

const sandbox = useSandbox({ stores: 1200 });
let services: Services;
let dir: string;
let close: () => Promise<void>;
const events: BroadcastJob[] = [];

const call = async <T>(name: CallName, args?: unknown): Promise<Outcome<T>> =>
  (services.router[name] as (a: unknown, c: { origin: string }) => Promise<Outcome<T>>)(args, {
    origin: 'app://aislecast',
  });
const value = async <T>(name: CallName, args?: unknown): Promise<T> => {
  const outcome = await call<T>(name, args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aislecast-broadcast-contract-'));
  const runtime = createNodeRuntime({ userDataDir: dir, logLevel: 'warn' });
  services = createServices({ ...runtime.config, storeDirectory: directoryOf(sandbox()) });
  services.events.listen((name, payload) => {
    if (name === 'broadcast.jobChanged') events.push(payload as BroadcastJob);
  });
  await services.ready;
  close = async () => {
    await services.dispose();
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  };
});
afterAll(() => close());

describe('broadcast calls over the contract', () => {
  it('refuses to start before an account is connected', async () => {
    const outcome = await call('broadcast.start', {
      audioId: 'aud_x',
      externalIds: ['store_0001'],
      schedule: { kind: 'now' },
      options: {},
    });
    expect(outcome.ok || outcome.error.code).toBe('not_connected');
  });

  it('plans, starts, lists and pages one job; progress events are throttled', async () => {
    services.settings.update({ musique: { baseUrl: sandbox().musique.v1BaseUrl, profile: 'v1' } });
    await value('musique.connect', { token: sandbox().credentials.musiqueApiToken });
    const audioId = (await value<{ items: Array<{ id: string }> }>('musique.refreshLibrary'))
      .items[0]!.id;
    const request = {
      audioId,
      externalIds: storeIds(1, 1000),
      schedule: { kind: 'now' },
      options: { repeat: 2 },
    };
    const plan = await value<{ requests: number; forecast: { summary: string } }>(
      'broadcast.plan',
      request,
    );
    expect(plan.requests).toBe(10);
    expect(plan.forecast.summary).toMatch(/^10 requests; starts now; done in/);
    const job = await value<BroadcastJob>('broadcast.start', request);
    await expect
      .poll(
        async () =>
          (await value<BroadcastJob[]>('broadcast.jobs')).find((j) => j.id === job.id)?.phase,
        { timeout: 10_000 },
      )
      .toBe('done');
    const page = await value<{ rows: unknown[]; total: number }>('broadcast.rows', {
      jobId: job.id,
      offset: 0,
      limit: 500,
    });
    expect(page.total).toBe(1000);
    expect(page.rows).toHaveLength(500);
    expect(sandbox().control.ledgerDuplicates()).toEqual([]);
    const mine = events.filter((e) => e.id === job.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThanOrEqual(30);
    expect(mine.at(-1)?.phase).toBe('done');
  });

  it('pages at most 500 rows and refuses an unknown action by schema', async () => {
    const [job] = await value<BroadcastJob[]>('broadcast.jobs');
    const big = await call('broadcast.rows', { jobId: job!.id, offset: 0, limit: 10_000 });
    expect(big.ok).toBe(false);
    const bad = await call('broadcast.control', { jobId: job!.id, action: 'explode' });
    expect(bad.ok).toBe(false);
  });

  it('history, store history and CSV export answer over the contract; bad filters are refused', async () => {
    const page = await value<{ jobs: BroadcastJob[]; total: number; historyDays: number }>(
      'broadcast.history',
      { offset: 0, limit: 10, externalId: 'store_0001', status: 'complete' },
    );
    expect(page.total).toBe(1);
    expect(page.historyDays).toBe(365);
    const job = page.jobs[0]!;
    expect(job.finishedAt).toBeDefined();
    const store = await value<{ rows: Array<{ jobId: string; status: string }> }>(
      'broadcast.storeHistory',
      { externalId: 'store_0001', offset: 0, limit: 10 },
    );
    expect(store.rows).toEqual([expect.objectContaining({ jobId: job.id, status: 'sent' })]);
    const csv = await value<{ rows: number; csv: string; fileName: string }>(
      'broadcast.exportHistory',
      { jobId: job.id },
    );
    expect(csv.rows).toBe(1000);
    expect(csv.csv.split('\r\n')).toHaveLength(1001);
    expect((await call('broadcast.history', { offset: 0, limit: 1000 })).ok).toBe(false);
    expect((await call('broadcast.history', { offset: 0, limit: 5, status: 'lost' })).ok).toBe(
      false,
    );
  });

  it('a token revoked mid-job pauses the job with the reason and shows Musique signed out', async () => {
    const audioId = (await value<{ items: Array<{ id: string }> }>('musique.library')).items[0]!.id;
    sandbox().control.revokeToken(sandbox().credentials.musiqueApiToken);
    const job = await value<BroadcastJob>('broadcast.start', {
      audioId,
      externalIds: storeIds(1, 200),
      schedule: { kind: 'at', at: new Date(Date.now() + 3_600_000).toISOString() },
      options: {},
    });
    await expect
      .poll(
        async () =>
          (await value<BroadcastJob[]>('broadcast.jobs')).find((j) => j.id === job.id)?.phase,
      )
      .toBe('paused');
    const paused = (await value<BroadcastJob[]>('broadcast.jobs')).find((j) => j.id === job.id)!;
    expect(paused.pauseReason?.status).toBe(401);
    expect(paused.counts.pending).toBe(200);
    const status = await value<{ musique: { state: string } }>('connection.status');
    expect(status.musique.state).toBe('signed-out');
  });
});
