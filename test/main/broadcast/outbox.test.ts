import { beforeEach, describe, expect, it } from 'vitest';
import { planChunks } from '../../../src-main/services/broadcast/plan.ts';
import { localToUtc } from '../../../src-preload/contract/schemas/local-time.ts';
import { startTestSandbox, useSandbox } from '../../support/sandbox.ts';
import { broadcast, deliveries, outboxRig, storeIds } from './outbox-harness.ts';
import { tooMany } from './support.ts';

const sandbox = useSandbox({ stores: 1200 });
beforeEach(async () => {
  await sandbox().control.reset();
});

const sendPath = '/api/v1/integration/audio/*/send';
const sends = () =>
  sandbox()
    .control.requests({ service: 'musique' })
    .filter((r) => r.method === 'POST' && r.path.endsWith('/send'));

describe('outbox planning (pure)', () => {
  it('splits into chunks of at most 500, default 100, in order', () => {
    const targets = storeIds(1, 250).map((externalId) => ({ externalId, timeZone: 'UTC' }));
    expect(planChunks(targets, { kind: 'now' }, 100).map((c) => c.externalIds.length)).toEqual([
      100, 100, 50,
    ]);
    expect(planChunks(targets, { kind: 'now' }, 9999).map((c) => c.externalIds.length)).toEqual([
      250,
    ]);
  });

  it('turns a local time into one UTC time per zone, with the daylight-saving rule', () => {
    const chunks = planChunks(
      [
        { externalId: 'a', timeZone: 'Europe/London' },
        { externalId: 'b', timeZone: 'America/New_York' },
        { externalId: 'c', timeZone: 'Europe/London' },
      ],
      { kind: 'local', localTime: '2026-07-01T14:00' },
      100,
    );
    expect(chunks).toEqual([
      {
        index: 0,
        externalIds: ['a', 'c'],
        scheduleAt: '2026-07-01T13:00:00.000Z',
        timeZone: 'Europe/London',
      },
      {
        index: 1,
        externalIds: ['b'],
        scheduleAt: '2026-07-01T18:00:00.000Z',
        timeZone: 'America/New_York',
      },
    ]);
    // Spring forward: 01:30 does not exist in London on 29 March 2026 → 02:30 BST.
    expect(localToUtc('2026-03-29T01:30', 'Europe/London')).toEqual({
      utcMs: Date.UTC(2026, 2, 29, 1, 30),
      adjusted: 'gap',
    });
    // Fall back: 01:30 happens twice on 25 October 2026 → the first (BST, 00:30 UTC).
    expect(localToUtc('2026-10-25T01:30', 'Europe/London')).toEqual({
      utcMs: Date.UTC(2026, 9, 25, 0, 30),
      adjusted: 'overlap',
    });
    expect(localToUtc('2026-01-10T09:15', 'Asia/Kolkata')).toEqual({
      utcMs: Date.UTC(2026, 0, 10, 3, 45),
    });
  });
});

describe('outbox against the sandbox', () => {
  it('sends 250 stores in 3 requests, each store exactly once, rows paged', async () => {
    const rig = await outboxRig(sandbox());
    const job = await broadcast(rig, storeIds(1, 250));
    expect(job.phase).toBe('done');
    expect(job.counts).toMatchObject({ total: 250, sent: 250, unknown: 0, failed: 0 });
    expect(sends()).toHaveLength(3);
    expect([...deliveries(sandbox()).values()].every((n) => n === 1)).toBe(true);
    expect(deliveries(sandbox()).size).toBe(250);
    const page = rig.outbox.rows(job.id, { offset: 200, limit: 100 });
    expect(page.total).toBe(250);
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]?.status).toBe('sent');
    expect(page.rows[0]?.requestId).toMatch(/^req_/);
    expect(page.rows[0]?.sendId).toMatch(/^snd_/);
    // Progress events are throttled: far fewer than one per store.
    expect(rig.events.length).toBeLessThan(20);
    await rig.outbox.dispose();
  });

  it('refuses targets the store directory does not know, before any request', async () => {
    const rig = await outboxRig(sandbox());
    const audioId = (await rig.stack.api.listPage(1)).items[0]!.id;
    await expect(
      rig.outbox.create({
        audioId,
        externalIds: ['store_0001', 'nowhere_1'],
        schedule: { kind: 'now' },
        options: {},
      }),
    ).rejects.toMatchObject({
      shape: { code: 'unknown_stores', details: { unknown: ['nowhere_1'] } },
    });
    expect(sends()).toHaveLength(0);
    await rig.outbox.dispose();
  });

  it('schedules a local time per time zone, each group with its UTC scheduleAt', async () => {
    const rig = await outboxRig(sandbox());
    const audioId = (await rig.stack.api.listPage(1)).items[0]!.id;
    const tomorrow = new Date(sandbox().control.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    const ids = storeIds(1, 300);
    const plan = rig.outbox.plan({
      audioId,
      externalIds: ids,
      schedule: { kind: 'local', localTime: `${tomorrow}T14:00` },
      options: {},
    });
    const zones = new Set(
      ids.map((id) => sandbox().stores.find((s) => s.externalId === id)!.timeZone),
    );
    expect(plan.groups.map((g) => g.timeZone).sort()).toEqual([...zones].sort());
    expect(plan.forecast.summary).toMatch(/^\d+ requests?; starts now; done in/);
    await rig.outbox.create({
      audioId,
      externalIds: ids,
      schedule: { kind: 'local', localTime: `${tomorrow}T14:00` },
      options: {},
    });
    await rig.outbox.idle();
    for (const entry of sandbox().control.ledger()) {
      const zone = sandbox().stores.find((s) => s.externalId === entry.externalId)!.timeZone;
      expect(entry.deliveredAt).toBe(
        new Date(localToUtc(`${tomorrow}T14:00`, zone).utcMs).toISOString(),
      );
    }
    expect(sandbox().control.ledger()).toHaveLength(300);
    await rig.outbox.dispose();
  });

  it('waits out a 429 storm mid-send and completes without a duplicate', async () => {
    const rig = await outboxRig(sandbox());
    sandbox().control.addFault({
      kind: 'rateLimitStorm',
      retryAfterSec: 30,
      method: 'POST',
      path: sendPath,
      skip: 2,
      times: 4,
    });
    const job = await broadcast(rig, storeIds(1, 500));
    expect(job.counts.sent).toBe(500);
    expect(rig.stack.clock.slept).toContain(30_000);
    expect(sandbox().control.ledgerDuplicates()).toEqual([]);
    await rig.outbox.dispose();
  });

  it('never exceeds any window on a 1,000-store send in chunks of 10 on tiny limits', async () => {
    const small = await startTestSandbox({
      stores: 1000,
      rateLimits: { perMinute: 20, perHour: 60, perDay: 500 },
    });
    try {
      const rig = await outboxRig(small, { quota: { limits: { minute: 20, hour: 60, day: 500 } } });
      const job = await broadcast(rig, storeIds(1, 1000), { chunkSize: 10 });
      expect(job.counts.sent).toBe(1000);
      expect(tooMany(small)).toBe(0);
      expect(small.control.ledgerDuplicates()).toEqual([]);
      await rig.outbox.dispose();
    } finally {
      await small.close();
    }
  });
});
