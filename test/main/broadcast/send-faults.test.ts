/**
 * The fault matrix on sends: whatever goes wrong, no store gets the announcement twice, and
 * every store ends sent, failed (with the reason) or unknown (with the facts to decide on).
 */
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { nodeJournalIo, type JournalIo } from '../../../src-main/services/broadcast/journal.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { broadcast, deliveries, directoryOf, outboxRig, storeIds } from './outbox-harness.ts';

const sandbox = useSandbox({ stores: 1200 });
beforeEach(async () => {
  await sandbox().control.reset();
});

const v1Send = '/api/v1/integration/audio/*/send';
const legacySend = '/api/*/send';
const sendCount = () =>
  sandbox()
    .control.requests({ service: 'musique' })
    .filter((r) => r.method === 'POST' && r.path.endsWith('/send')).length;

function expectOnceEach(expected: number) {
  expect(sandbox().control.ledgerDuplicates()).toEqual([]);
  expect(deliveries(sandbox()).size).toBe(expected);
}

describe('fault matrix on sends', () => {
  it('500 before the send was handled: unknown, never resent until the user confirms', async () => {
    const rig = await outboxRig(sandbox());
    sandbox().control.addFault({
      kind: 'status',
      status: 500,
      method: 'POST',
      path: v1Send,
      times: 1,
    });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.phase).toBe('needs-attention');
    expect(job.counts).toMatchObject({ sent: 100, unknown: 100 });
    expect(sendCount()).toBe(2);
    expect(job.unknown[0]?.requestId).toMatch(/^req_/);
    expect(job.unknown[0]?.question).toMatch(
      /^Sent at \d\d:\d\d:\d\d UTC, .*request ID req_\w+; resend these 100 stores\?$/,
    );
    expectOnceEach(100);
    await rig.outbox.control(job.id, 'resendUnknown', [job.unknown[0]!.chunk]);
    await rig.outbox.idle();
    expect(rig.outbox.list()[0]?.phase).toBe('done');
    expectOnceEach(200);
    await rig.outbox.dispose();
  });

  it('an unknown chunk left unknown: the job stops asking, remembers it, and may still resend', async () => {
    const rig = await outboxRig(sandbox());
    sandbox().control.addFault({
      kind: 'status',
      status: 500,
      method: 'POST',
      path: v1Send,
      times: 1,
    });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.phase).toBe('needs-attention');
    const chunk = job.unknown[0]!.chunk;
    const left = await rig.outbox.control(job.id, 'leaveUnknown', [chunk]);
    expect(left.phase).toBe('done');
    expect(left.counts).toMatchObject({ sent: 100, unknown: 100 });
    expect(left.unknown).toEqual([expect.objectContaining({ chunk, left: true })]);
    expect(sendCount()).toBe(2);
    await rig.outbox.dispose();
    // Read back from the journal after a restart, and still open to a resend.
    const again = await outboxRig(sandbox(), { dir: rig.dir });
    expect(again.outbox.summaryOf(job.id)).toMatchObject({
      phase: 'done',
      unknown: [{ left: true }],
    });
    await again.outbox.control(job.id, 'resendUnknown', [chunk]);
    await again.outbox.idle();
    expect(again.outbox.summaryOf(job.id)).toMatchObject({ phase: 'done', counts: { sent: 200 } });
    expectOnceEach(200);
    await again.outbox.dispose();
  });

  it('500 after the send was accepted: settled as sent from the audio statistics', async () => {
    const rig = await outboxRig(sandbox());
    sandbox().control.addFault({
      kind: 'status',
      status: 500,
      method: 'POST',
      path: v1Send,
      times: 1,
      runHandler: true,
    });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.phase).toBe('done');
    expect(job.counts.sent).toBe(200);
    expect(rig.outbox.rows(job.id, { offset: 0, limit: 1 }).rows[0]?.reason).toMatch(
      /audio statistics/,
    );
    expect(sendCount()).toBe(2);
    expectOnceEach(200);
    await rig.outbox.dispose();
  });

  it('503 with messaging down: unknown, nothing resent; sent once after the user confirms', async () => {
    const rig = await outboxRig(sandbox());
    sandbox().control.setHealth({ messaging: 'down' });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.counts).toMatchObject({ unknown: 200, sent: 0 });
    expect(job.unknown[0]?.error).toMatchObject({ status: 503 });
    expect(sendCount()).toBe(2);
    sandbox().control.setHealth({ messaging: 'healthy' });
    await rig.outbox.control(job.id, 'resendUnknown');
    await rig.outbox.idle();
    expect(rig.outbox.list()[0]?.counts.sent).toBe(200);
    expectOnceEach(200);
    await rig.outbox.dispose();
  });

  it('timeout before the body left (a stalled connection): unknown, and the log cannot settle it', async () => {
    let stalled = 0;
    const stallFirstSend: typeof fetch = (input, init) => {
      if (
        init?.method === 'POST' &&
        (input instanceof Request ? input.url : input.toString()).endsWith('/send') &&
        stalled++ === 0
      ) {
        // The connection never opens: only the timeout ends it.
        return new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        });
      }
      return fetch(input, init);
    };
    const rig = await outboxRig(sandbox(), {
      profile: 'legacy',
      fetch: stallFirstSend,
      sendTimeoutMs: 200,
    });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.counts).toMatchObject({ sent: 100, unknown: 100 });
    expect(job.unknown[0]?.error.code).toBe('timeout');
    expect(sendCount()).toBe(1);
    await rig.outbox.control(job.id, 'resendUnknown');
    await rig.outbox.idle();
    expectOnceEach(200);
    await rig.outbox.dispose();
  });

  it("timeout after the body left: unknown, then settled as sent from Musique's own records", async () => {
    const rig = await outboxRig(sandbox(), { profile: 'legacy', sendTimeoutMs: 200 });
    sandbox().control.addFault({
      kind: 'delay',
      ms: 1500,
      method: 'POST',
      path: legacySend,
      times: 1,
      runHandler: true,
    });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.phase).toBe('done');
    expect(job.counts.sent).toBe(200);
    // The held answer is logged only once it is released: the statistics settle it first.
    expect(rig.outbox.rows(job.id, { offset: 0, limit: 1 }).rows[0]?.reason).toMatch(
      /usage log|audio statistics/,
    );
    await expect.poll(sendCount, { timeout: 5000 }).toBe(2);
    expectOnceEach(200);
    await rig.outbox.dispose();
  });

  it('connection reset mid-answer after a 200: sent; reset before any answer: unknown, with the facts', async () => {
    const rig = await outboxRig(sandbox(), { profile: 'legacy' });
    sandbox().control.addFault({
      kind: 'reset',
      afterBytes: 10,
      method: 'POST',
      path: legacySend,
      times: 1,
    });
    sandbox().control.addFault({
      kind: 'reset',
      method: 'POST',
      path: legacySend,
      times: 1,
      runHandler: true,
    });
    // Scheduled, so the audio statistics (counted when it plays) cannot settle it; the usage log
    // records a call that got no answer as status 0, which settles nothing either.
    const at = new Date(sandbox().control.now() + 3_600_000).toISOString();
    const job = await broadcast(rig, storeIds(1, 300), { schedule: { kind: 'at', at } });
    expect(job.counts).toMatchObject({ sent: 200, unknown: 100 });
    expect(job.unknown[0]).toMatchObject({
      chunk: 1,
      stores: 100,
      error: { code: 'connection_reset' },
    });
    expect(sendCount()).toBe(3);
    // It did reach Musique: resending blindly would have made 100 duplicates.
    expectOnceEach(300);
    await rig.outbox.dispose();
  });

  it('an unknown send is settled from the usage log at the next start', async () => {
    const first = await outboxRig(sandbox(), { profile: 'legacy', sendTimeoutMs: 200 });
    sandbox().control.addFault({
      kind: 'delay',
      ms: 600,
      method: 'POST',
      path: legacySend,
      times: 1,
      runHandler: true,
    });
    const at = new Date(sandbox().control.now() + 3_600_000).toISOString();
    const job = await broadcast(first, storeIds(1, 200), { schedule: { kind: 'at', at } });
    expect(job.counts).toMatchObject({ sent: 100, unknown: 100 });
    await first.outbox.dispose();
    // Musique finishes the held request and logs it with its 200.
    await expect.poll(sendCount, { timeout: 5000 }).toBe(2);
    const second = await outboxRig(sandbox(), { profile: 'legacy', dir: first.dir });
    const settled = second.outbox.list()[0]!;
    expect(settled.phase).toBe('done');
    expect(second.outbox.rows(settled.id, { offset: 0, limit: 1 }).rows[0]?.reason).toMatch(
      /usage log/,
    );
    expectOnceEach(200);
    await second.outbox.dispose();
  });

  it('malformed JSON on a 200: sent, not resent', async () => {
    const rig = await outboxRig(sandbox());
    sandbox().control.addFault({ kind: 'malformedJson', method: 'POST', path: v1Send, times: 1 });
    const job = await broadcast(rig, storeIds(1, 100));
    expect(job.counts.sent).toBe(100);
    expect(sendCount()).toBe(1);
    expectOnceEach(100);
    await rig.outbox.dispose();
  });

  it('422 with some unknown IDs: those fail with the reason, the rest of the chunk is resent', async () => {
    const extra = [
      { externalId: 'store_9001', timeZone: 'Europe/London' },
      { externalId: 'store_9002', timeZone: 'Europe/London' },
    ];
    const rig = await outboxRig(sandbox(), { directory: directoryOf(sandbox(), extra) });
    const job = await broadcast(rig, [...storeIds(1, 98), 'store_9001', 'store_9002']);
    expect(job.counts).toMatchObject({ sent: 98, failed: 2, unknown: 0 });
    const failed = rig.outbox.rows(job.id, { offset: 0, limit: 10, status: 'failed' }).rows;
    expect(failed.map((r) => [r.externalId, r.reason])).toEqual([
      ['store_9001', 'Musique does not know this External ID'],
      ['store_9002', 'Musique does not know this External ID'],
    ]);
    expect(sendCount()).toBe(2);
    expectOnceEach(98);
    await rig.outbox.dispose();
  });

  it('403 missing audio.send: paused with the reason, nothing sent; resumes once granted', async () => {
    const { token } = sandbox().control.issueMusiqueToken({
      externalId: 'hq_limited',
      permissions: ['audio.read'],
    });
    const rig = await outboxRig(sandbox(), { token });
    const job = await broadcast(rig, storeIds(1, 200));
    expect(job.phase).toBe('paused');
    expect(job.pauseReason).toMatchObject({ status: 403 });
    expect(job.counts.pending).toBe(200);
    expect(sandbox().control.ledger()).toHaveLength(0);
    sandbox().control.setTokenPermissions(token, ['audio.read', 'audio.send']);
    await rig.outbox.control(job.id, 'resume');
    await rig.outbox.idle();
    expect(rig.outbox.list()[0]?.phase).toBe('done');
    expectOnceEach(200);
    await rig.outbox.dispose();
  });

  it('token revoked mid-job: paused with the reason after the chunks already sent', async () => {
    const token = sandbox().credentials.musiqueApiToken;
    let posts = 0;
    const revokeAfterFirst: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (
        init?.method === 'POST' &&
        (input instanceof Request ? input.url : input.toString()).endsWith('/send') &&
        ++posts === 1
      )
        sandbox().control.revokeToken(token);
      return response;
    };
    const rig = await outboxRig(sandbox(), { fetch: revokeAfterFirst });
    const job = await broadcast(rig, storeIds(1, 300));
    expect(job.phase).toBe('paused');
    expect(job.pauseReason).toMatchObject({ status: 401 });
    expect(job.counts).toMatchObject({ sent: 100, pending: 200, unknown: 0 });
    expectOnceEach(100);
    await rig.outbox.dispose();
  });

  it('disk full while journaling: stops cleanly, nothing unjournaled is sent; resumes after', async () => {
    let full = false;
    let appends = 0;
    const io: JournalIo = {
      ...nodeJournalIo,
      async append(path, text) {
        if (full)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await nodeJournalIo.append(path, text);
        // After the first chunk's attempt and outcome, the disk fills up.
        if (++appends === 2) full = true;
      },
    };
    const rig = await outboxRig(sandbox(), { io });
    const job = await broadcast(rig, storeIds(1, 300));
    expect(job.phase).toBe('stopped');
    expect(job.stopped?.code).toBe('disk_full');
    expect(sendCount()).toBe(1);
    expectOnceEach(100);
    full = false;
    await rig.outbox.control(job.id, 'resume');
    await rig.outbox.idle();
    expect(rig.outbox.list()[0]?.counts.sent).toBe(300);
    expectOnceEach(300);
    await rig.outbox.dispose();
  });
});

describe('journal on disk', () => {
  it('a torn last write is cut off; damage inside is set aside and reported, never emptied silently', async () => {
    const first = await outboxRig(sandbox());
    const job = await broadcast(first, storeIds(1, 200));
    await first.outbox.dispose();
    const path = join(first.dir, 'outbox', `${job.id}.journal`);
    await appendFile(path, '0123456789ab {"type":"attempt","at":1,');
    const torn = await outboxRig(sandbox(), { dir: first.dir });
    expect(torn.outbox.list()[0]?.counts.sent).toBe(200);
    expect(torn.damaged.list()).toEqual([]);
    await torn.outbox.dispose();
    await appendFile(path, 'garbage in the middle\n0123456789ab {}\n');
    const damaged = await outboxRig(sandbox(), { dir: first.dir });
    expect(damaged.outbox.list()).toEqual([]);
    expect(damaged.damaged.list()[0]?.what).toMatch(
      /record of a broadcast .* was damaged and set aside/,
    );
    expect(
      (await readdir(join(first.dir, 'outbox'))).some((name) => name.includes('.damaged-')),
    ).toBe(true);
    await damaged.outbox.dispose();
  });

  it('a second instance on the same profile never drives the jobs', async () => {
    const first = await outboxRig(sandbox());
    const second = await outboxRig(sandbox(), { dir: first.dir });
    await expect(broadcast(second, storeIds(1, 10))).rejects.toMatchObject({
      shape: { code: 'outbox_busy' },
    });
    await first.outbox.dispose();
    await second.outbox.dispose();
  });
});
