/**
 * What a job records about itself beyond its rows: quota waits (shown while they last and
 * cleared when it sends again), when it finished, test sends and skipped stores — all read
 * back from the journal after a restart; journals written before these facts still load.
 */
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../../src-main/services/broadcast/job-store.ts';
import { encodeRecord } from '../../../src-main/services/broadcast/journal.ts';
import type { JobRecord, JournalRecord } from '../../../src-main/services/broadcast/records.ts';
import { summarize } from '../../../src-main/services/broadcast/summary.ts';
import { createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { withSandbox } from '../../support/sandbox.ts';
import { broadcast, deliveries, directoryOf, outboxRig, storeIds } from './outbox-harness.ts';
import { tooMany } from './support.ts';

const sendPath = '/api/v1/integration/audio/*/send';

describe('job facts against the sandbox', () => {
  it('a 429 storm: the job shows the Retry-After wait, clears it when it sends, each store once', async () => {
    await withSandbox(
      async (sandbox) => {
        // Added the way an end-to-end test does: through the sandbox's control route.
        const added = await fetch(`${sandbox.musique.controlUrl}/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'rateLimitStorm',
            retryAfterSec: 30,
            method: 'POST',
            path: sendPath,
            times: 5,
          }),
        });
        expect(added.status).toBe(200);
        const rig = await outboxRig(sandbox);
        const job = await broadcast(rig, storeIds(1, 250));
        expect(tooMany(sandbox)).toBe(5);
        const waits = rig.events.filter((e) => e.id === job.id && e.waiting);
        expect(waits.length).toBeGreaterThan(0);
        expect(waits[0]!.waiting).toEqual({
          window: 'retryAfter',
          resumesAt: expect.any(Number) as number,
        });
        // Every Retry-After the sandbox gave was waited out: it resumed at least 30 s later.
        expect(waits[0]!.waiting!.resumesAt - Date.parse(waits[0]!.updatedAt)).toBeGreaterThan(
          29_000,
        );
        expect(job.waiting).toBeUndefined();
        expect(job.phase).toBe('done');
        expect(job.counts.sent).toBe(250);
        expect(job.finishedAt).toBeDefined();
        const counts = deliveries(sandbox);
        expect(counts.size).toBe(250);
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        expect(sandbox.control.ledgerDuplicates()).toEqual([]);
        await rig.outbox.dispose();
        // After a restart the same facts are read back from the journal.
        const again = await outboxRig(sandbox, { dir: rig.dir });
        const reread = again.outbox.summaryOf(job.id);
        expect(reread.finishedAt).toBe(job.finishedAt);
        expect(reread.waiting).toBeUndefined();
        await again.outbox.dispose();
      },
      { stores: 300 },
    );
  });

  it('a used-up minute window: the job says it waits for the per-minute quota', async () => {
    await withSandbox(
      async (sandbox) => {
        const rig = await outboxRig(sandbox, {
          quota: { limits: { minute: 3, hour: 100, day: 1000 } },
        });
        const job = await broadcast(rig, storeIds(1, 50), { chunkSize: 10 });
        const waiting = rig.events.filter((e) => e.waiting?.window === 'minute');
        expect(waiting.length).toBeGreaterThan(0);
        // The job waits before it records the next attempt: its stores are still pending, so a
        // pause or a crash during the wait leaves nothing in flight or unknown.
        for (const event of waiting) expect(event.counts.inFlight).toBe(0);
        expect(job.waiting).toBeUndefined();
        expect(job.counts.sent).toBe(50);
        expect(tooMany(sandbox)).toBe(0);
        await rig.outbox.dispose();
      },
      { stores: 60, rateLimits: { perMinute: 3, perHour: 100, perDay: 1000 } },
    );
  });

  it('a test send records `test`; a skipped zone records `skipped`; both survive a restart', async () => {
    await withSandbox(
      async (sandbox) => {
        const directory = directoryOf(sandbox, [
          { externalId: 'store_0001', timeZone: 'UTC', testStore: true },
          { externalId: 'east', timeZone: 'Etc/GMT-5' },
          { externalId: 'west', timeZone: 'Etc/GMT+5' },
        ]);
        const rig = await outboxRig(sandbox, { directory });
        const audioId = (await rig.stack.api.listPage(1)).items[0]!.id;
        const test = await rig.outbox.create({
          audioId,
          externalIds: ['store_0001'],
          schedule: { kind: 'now' },
          options: {},
          test: true,
        });
        expect(test.test).toBe(true);
        await expect(
          rig.outbox.create({
            audioId,
            externalIds: ['store_0002'],
            schedule: { kind: 'now' },
            options: {},
            test: true,
          }),
        ).rejects.toMatchObject({ code: 'not_a_test_store' });
        // This wall-clock time passed five hours ago at UTC+5 and comes in five at UTC-5.
        const wall = new Date(sandbox.control.now() + 60_000).toISOString().slice(0, 16);
        const skipped = await rig.outbox.create({
          audioId,
          externalIds: ['east', 'west'],
          schedule: { kind: 'local', localTime: wall, ifPassed: 'skip' },
          options: {},
        });
        expect(skipped).toMatchObject({ skipped: 1, counts: { total: 1 } });
        await rig.outbox.idle();
        await rig.outbox.dispose();
        const again = await outboxRig(sandbox, { directory, dir: rig.dir });
        expect(again.outbox.summaryOf(test.id).test).toBe(true);
        expect(again.outbox.summaryOf(test.id).finishedAt).toBeDefined();
        expect(again.outbox.summaryOf(skipped.id).skipped).toBe(1);
        await again.outbox.dispose();
      },
      { stores: 30 },
    );
  });
});

describe('the sandbox ledger', () => {
  it('shows each scheduled delivery with its store and due time, played once its time comes', async () => {
    await withSandbox(
      async (sandbox) => {
        const local = await outboxRig(sandbox, {
          directory: directoryOf(sandbox, [
            { externalId: 'store_0001', timeZone: 'Etc/GMT-2' },
            { externalId: 'store_0002', timeZone: 'Etc/GMT+3' },
          ]),
        });
        // Tomorrow 09:00 in each zone: two due times, five hours apart.
        const tomorrow = new Date(sandbox.control.now() + 86_400_000).toISOString().slice(0, 10);
        const job = await broadcast(local, ['store_0001', 'store_0002'], {
          schedule: { kind: 'local', localTime: `${tomorrow}T09:00` },
        });
        expect(job.counts.sent).toBe(2);
        const due = {
          store_0001: `${tomorrow}T07:00:00.000Z`,
          store_0002: `${tomorrow}T12:00:00.000Z`,
        };
        const entries = () =>
          sandbox.control
            .ledger()
            .map((e) => [e.externalId, e.deliveredAt, e.delivered, e.scheduled]);
        expect(entries()).toEqual([
          ['store_0001', due.store_0001, false, true],
          ['store_0002', due.store_0002, false, true],
        ]);
        // Move the sandbox's clock to 08:00 UTC tomorrow: the first has played, not the second.
        sandbox.control.advance(Date.parse(`${tomorrow}T08:00:00Z`) - sandbox.control.now());
        expect(entries().map((e) => e[2])).toEqual([true, false]);
        await local.outbox.dispose();
      },
      { stores: 10 },
    );
  });
});

describe('job facts in the journal', () => {
  const job: JobRecord = {
    type: 'job',
    id: 'job_20260701_old',
    at: Date.UTC(2026, 6, 1, 12),
    audioId: 'aud_1',
    schedule: { kind: 'now' },
    options: {},
    chunkSize: 2,
    chunks: [
      { index: 0, externalIds: ['a', 'b'] },
      { index: 1, externalIds: ['c'] },
    ],
    sender: { host: 'https://musique.example' },
  };
  const at = (s: number) => job.at + s * 1000;
  const open = async (records: JournalRecord[]) => {
    const dir = await mkdtemp(join(tmpdir(), 'aislecast-facts-'));
    await mkdir(join(dir, 'outbox'));
    await writeFile(join(dir, 'outbox', `${job.id}.journal`), records.map(encodeRecord).join(''));
    const log = silentLogger();
    const store = createJobStore({
      dir: join(dir, 'outbox'),
      damagedFiles: createDamagedFiles({ dataDir: dir, log }),
      log,
    });
    await store.load();
    return summarize(store.get(job.id)!);
  };

  it('an old journal without the new facts loads; its finish time is its last final answer', async () => {
    const summary = await open([
      job,
      { type: 'attempt', at: at(1), chunk: 0, attempt: 1, externalIds: ['a', 'b'] },
      { type: 'outcome', at: at(2), chunk: 0, attempt: 1, result: 'sent', requestId: 'r1' },
      { type: 'attempt', at: at(3), chunk: 1, attempt: 1, externalIds: ['c'] },
      { type: 'outcome', at: at(4), chunk: 1, attempt: 1, result: 'sent', requestId: 'r2' },
    ]);
    expect(summary.phase).toBe('done');
    expect(summary.counts).toMatchObject({ total: 3, sent: 3, pending: 0 });
    expect(summary.finishedAt).toBe(new Date(at(4)).toISOString());
    expect(summary).not.toHaveProperty('test');
    expect(summary).not.toHaveProperty('skipped');
    expect(summary).not.toHaveProperty('waiting');
  });

  it('a wait read back is shown until the next answer; retrying failed stores reopens the job', async () => {
    const waiting = await open([
      job,
      { type: 'attempt', at: at(1), chunk: 0, attempt: 1, externalIds: ['a', 'b'] },
      { type: 'waiting', at: at(2), window: 'hour', resumesAt: at(3600) },
    ]);
    expect(waiting.waiting).toEqual({ window: 'hour', resumesAt: at(3600) });
    expect(waiting.finishedAt).toBeUndefined();
    const reopened = await open([
      { ...job, test: true, skipped: 4 },
      { type: 'attempt', at: at(1), chunk: 0, attempt: 1, externalIds: ['a', 'b'] },
      { type: 'waiting', at: at(2), window: 'retryAfter', resumesAt: at(60) },
      {
        type: 'outcome',
        at: at(61),
        chunk: 0,
        attempt: 1,
        result: 'refused',
        error: { code: 'unknown_store', message: 'no' },
        failed: [
          { externalId: 'a', reason: 'unknown' },
          { externalId: 'b', reason: 'unknown' },
        ],
      },
      { type: 'control', at: at(62), action: 'cancel' },
      { type: 'control', at: at(70), action: 'retryFailed' },
    ]);
    expect(reopened.waiting).toBeUndefined();
    expect(reopened.test).toBe(true);
    expect(reopened.skipped).toBe(4);
    // Cancelled at 62 it had finished; retrying made its stores pending again.
    expect(reopened.finishedAt).toBeUndefined();
    expect(reopened.counts.pending).toBe(3);
  });
});
