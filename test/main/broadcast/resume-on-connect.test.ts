/**
 * A job paused because no account was connected goes on by itself when the same sender is
 * back — never with another account, and never when the user paused it.
 */
import { describe, expect, it } from 'vitest';
import { resumeOnConnect } from '../../../src-main/services/broadcast/resume-on-connect.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { withSandbox } from '../../support/sandbox.ts';
import { deliveries, outboxRig, rigSender, storeIds } from './outbox-harness.ts';

describe('resume on connect', () => {
  it('carries on a job paused for want of an account once that account is back', async () => {
    await withSandbox(
      async (sandbox) => {
        // The account is there when each job is created (which records its sender) and gone
        // when the engine next looks, as when a token is forgotten mid-send.
        const present: boolean[] = [];
        let connected = false;
        const rig = await outboxRig(sandbox, { connected: () => present.shift() ?? connected });
        const audioId = (await rig.stack.api.listPage(1)).items[0]!.id;
        const base = { audioId, schedule: { kind: 'now' as const }, options: {} };
        present.push(true);
        const waiting = await rig.outbox.create({ ...base, externalIds: storeIds(1, 5) });
        present.push(true);
        const userPaused = await rig.outbox.create({ ...base, externalIds: storeIds(6, 5) });
        await rig.outbox.idle();
        await rig.outbox.control(userPaused.id, 'pause');
        const paused = rig.outbox.summaryOf(waiting.id);
        expect(paused.phase).toBe('paused');
        expect(paused.pauseReason?.code).toBe('not_connected');

        const deps = {
          jobs: () => rig.outbox.list(),
          resume: (jobId: string) => rig.outbox.control(jobId, 'resume'),
          log: silentLogger(),
        };
        // Still nobody connected, or another account: nothing moves.
        expect(await resumeOnConnect({ ...deps, sender: () => undefined })).toEqual([]);
        connected = true;
        const other = { ...rigSender(sandbox), externalId: 'someone_else' };
        expect(await resumeOnConnect({ ...deps, sender: () => other })).toEqual([]);
        const demo = { ...rigSender(sandbox), demo: true };
        expect(await resumeOnConnect({ ...deps, sender: () => demo })).toEqual([]);

        expect(await resumeOnConnect({ ...deps, sender: () => rigSender(sandbox) })).toEqual([
          waiting.id,
        ]);
        await rig.outbox.idle();
        expect(rig.outbox.summaryOf(waiting.id)).toMatchObject({
          phase: 'done',
          counts: { sent: 5 },
        });
        // The job the user paused waits for the user.
        expect(rig.outbox.summaryOf(userPaused.id).phase).toBe('paused');
        expect(deliveries(sandbox, audioId).size).toBe(5);
        await rig.outbox.dispose();
      },
      { stores: 20 },
    );
  });
});
