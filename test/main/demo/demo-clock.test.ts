/**
 * The demo's clock: `demo.advanceClock` moves the sandbox's clock forward, and the send engine
 * follows it — "has this local time passed", the forecast and the schedule times it sends all
 * agree with the Musique that answers, even when that clock is a day ahead of this PC's.
 */
import { describe, expect, it } from 'vitest';
import { defaultAudioCacheDir } from '../../../src-main/sandbox/index.ts';
import { localMoment } from '../../../src-preload/contract/schemas/local-time.ts';
import {
  createFollowingClock,
  type GovernorClock,
} from '../../../src-main/services/musique/governor/clock.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type {
  BroadcastJob,
  BroadcastPlan,
} from '../../../src-preload/contract/schemas/broadcast.ts';
import type { DemoStatus } from '../../../src-preload/contract/schemas/demo.ts';
import { createTestServices } from '../../support/services.ts';

const ctx = { origin: 'app://aislecast' };
const value = <T>(outcome: Outcome<T>): T => {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
};
const day = 86_400_000;

describe('the demo clock', () => {
  it('moves forward on request, and the engine plans and sends by it', async () => {
    const test = await createTestServices({
      demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
    });
    try {
      await test.services.ready;
      const router = test.services.router;
      const refused = await router['demo.advanceClock']({ byMs: 60_000 }, ctx);
      expect(!refused.ok && refused.error.code).toBe('demo_not_running');

      const started: DemoStatus = value(await router['demo.start'](undefined, ctx));
      expect(started.clock).toEqual(expect.any(Number));
      const moved: DemoStatus = value(await router['demo.advanceClock']({ byMs: day }, ctx));
      expect(moved.clock! - started.clock!).toBeGreaterThanOrEqual(day);
      const status: DemoStatus = value(await router['demo.status'](undefined, ctx));
      expect(status.clock!).toBeGreaterThanOrEqual(moved.clock!);
      const sandboxNow = status.clock!;

      // A store's wall-clock time twelve hours after this PC's now: still to come on the PC,
      // but twelve hours gone on the demo's Musique, whose clock is a day ahead.
      const store = test.services.stores.lookup.get('store_0001')!;
      const localTime = localMoment(sandboxNow - day + 12 * 3_600_000, store.timeZone).wall;
      const audioId = value<{ items: Array<{ id: string }> }>(
        await router['musique.refreshLibrary'](undefined, ctx),
      ).items[0]!.id;
      const request = {
        audioId,
        externalIds: ['store_0001'],
        schedule: { kind: 'local' as const, localTime },
        options: {},
      };
      const plan: BroadcastPlan = value(await router['broadcast.plan'](request, ctx));
      expect(plan.passed.map((p) => p.timeZone)).toEqual([store.timeZone]);
      expect(plan.forecast.startsAt).toBeGreaterThanOrEqual(sandboxNow);
      const refusedStart = await router['broadcast.start'](request, ctx);
      expect(!refusedStart.ok && refusedStart.error.code).toBe('schedule_in_past');

      // Moved to the next day, it is twelve hours ahead of the demo's Musique, which accepts it.
      const job: BroadcastJob = value(
        await router['broadcast.start'](
          { ...request, schedule: { ...request.schedule, ifPassed: 'nextDay' } },
          ctx,
        ),
      );
      await expect
        .poll(async () => {
          const jobs: BroadcastJob[] = value(await router['broadcast.jobs'](undefined, ctx));
          return jobs.find((j) => j.id === job.id)?.counts.sent;
        })
        .toBe(1);
      const rows = value(
        await router['broadcast.rows']({ jobId: job.id, offset: 0, limit: 1 }, ctx),
      );
      expect(rows.rows[0]?.sendId).toBeDefined();
      // Marked as a demo send, it shows in the demo's history (and never in the real one).
      expect(job.sender.demo).toBe(true);
      const history = value(await router['broadcast.history']({ offset: 0, limit: 10 }, ctx));
      expect(history.jobs.map((j: BroadcastJob) => j.id)).toContain(job.id);
    } finally {
      await test.cleanup();
    }
  });
});

describe('the following clock', () => {
  it('reads the followed source, and a jump ends a wait early', async () => {
    let sourceNow = 1_000_000;
    let realSleeps = 0;
    const base: GovernorClock = {
      now: () => 5,
      sleep: () => {
        realSleeps++;
        // Another part of the app moves the followed clock a minute ahead during the wait.
        sourceNow += 60_000;
        return Promise.resolve();
      },
    };
    const clock = createFollowingClock(base);
    expect(clock.now()).toBe(5);
    clock.follow(() => sourceNow);
    expect(clock.now()).toBe(1_000_000);
    await clock.sleep(3_600_000);
    // Each slice of at most a second saw the followed clock jump a minute: the hour's wait
    // ended after 60 slices, not 3,600 — it follows the followed clock, not this PC's.
    expect(realSleeps).toBe(60);
    clock.follow(undefined);
    expect(clock.now()).toBe(5);
  });
});
