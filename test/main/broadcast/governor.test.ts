import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-main/services/core/errors.ts';
import { createHttpClient } from '../../../src-main/services/http/http-client.ts';
import type { UpstreamError } from '../../../src-main/services/http/upstream-error.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import {
  admission,
  describeForecast,
  forecast,
  reserveOf,
  type PlanWindows,
} from '../../../src-main/services/musique/governor/plan.ts';
import { scriptedServer } from '../../support/http-server.ts';
import { withSandbox } from '../../support/sandbox.ts';
import { musiqueStack, tooMany } from './support.ts';

const small = { perMinute: 10, perHour: 30, perDay: 80 };
const smallQuota = { limits: { minute: 10, hour: 30, day: 80 } };

function windows(
  now: number,
  left: Partial<Record<'minute' | 'hour' | 'day', number>> = {},
): PlanWindows {
  const make = (limit: number, lengthMs: number, remaining = limit) => ({
    limit,
    remaining,
    lengthMs,
    resetMs: (Math.floor(now / lengthMs) + 1) * lengthMs,
  });
  return {
    minute: make(100, 60_000, left.minute),
    hour: make(1000, 3_600_000, left.hour),
    day: make(10_000, 86_400_000, left.day),
  };
}

describe('governor planning (pure)', () => {
  const now = Date.UTC(2026, 11, 5, 13, 30, 0);
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

  it('forecasts a small send that fits: starts now, done in under a minute', () => {
    const plan = forecast(24, windows(now), now);
    expect(plan.waitsFor).toBeUndefined();
    expect(describeForecast(plan, now, hhmm)).toBe(
      '24 requests; starts now; done in under a minute',
    );
  });

  it('names the window that binds and when the rest resumes', () => {
    const plan = forecast(24, windows(now, { hour: 4 + reserveOf(1000) }), now);
    expect(plan.withoutWaiting).toBe(4);
    expect(plan.waitsFor).toMatchObject({
      window: 'hour',
      resumesAt: Date.UTC(2026, 11, 5, 14, 0, 0),
    });
    expect(describeForecast(plan, now, hhmm)).toMatch(
      /^24 requests; hourly quota left: 4; the rest resumes at 14:00; done about 14:0\d$/,
    );
  });

  it('plans past the hour and the day when the work needs more than they allow', () => {
    const hour = forecast(1000, windows(now), now);
    // 98 a minute (the minute binds first), and the hour's 980 run out before the last ones.
    expect(hour.waitsFor).toMatchObject({ window: 'minute', remaining: 100 - reserveOf(100) });
    expect(hour.finishesAt).toBeGreaterThan(Date.UTC(2026, 11, 5, 14, 0, 0));
    const day = forecast(10_000, windows(now), now);
    expect(day.finishesAt).toBeGreaterThan(Date.UTC(2026, 11, 6, 0, 0, 0));
  });

  it('keeps the reserve from background work but not from a person', () => {
    const state = windows(now, { minute: reserveOf(100) });
    expect(admission(state, now, 'background').at).toBe(state.minute.resetMs);
    expect(admission(state, now, 'interactive').at).toBe(now);
    expect(admission(state, now, 'interactive', now + 5000)).toEqual({
      at: now + 5000,
      heldBy: 'retryAfter',
    });
  });
});

describe('governor against the sandbox', () => {
  it('never exceeds any window: 70 background calls on tiny limits, not one 429', async () => {
    await withSandbox(
      async (sandbox) => {
        const { api, clock } = musiqueStack(sandbox, { quota: smallQuota });
        for (let i = 0; i < 70; i++)
          await api.send('missing', { externalIds: ['x'] }).catch(() => undefined);
        const sent = sandbox.control.requests({ service: 'musique' });
        expect(sent).toHaveLength(70);
        expect(tooMany(sandbox)).toBe(0);
        // It had to wait for the hour (30 a window) to pass twice.
        expect(clock.slept.some((ms) => ms > 60_000)).toBe(true);
      },
      { stores: 10, rateLimits: small },
    );
  });

  it('honours Retry-After exactly: background waits it out, interactive fails fast with when', async () => {
    await withSandbox(
      async (sandbox) => {
        const { api, clock } = musiqueStack(sandbox);
        sandbox.control.addFault({
          kind: 'rateLimitStorm',
          retryAfterSec: 120,
          path: '/api/v1/integration/audio',
          times: 1,
        });
        await expect(api.listPage(1)).rejects.toSatisfy((error: unknown) => {
          const shape = (error as UpstreamError).shape;
          return (
            shape.retryAfterMs === 120_000 && /^Try again at \d\d:\d\d\.$/.test(shape.action ?? '')
          );
        });
        // The next interactive call is refused by the governor itself: no request leaves.
        const before = sandbox.control.requests().length;
        const local = await api.listPage(1).catch((e: unknown) => e);
        expect(isAppError(local) && local.shape.code).toBe('rate_limited');
        expect(sandbox.control.requests()).toHaveLength(before);
        // Background work waits exactly as long as asked, then goes.
        const audio = (
          await (async () => {
            await clock.sleep(120_000);
            return api.listPage(1);
          })()
        ).items[0]!;
        sandbox.control.addFault({
          kind: 'rateLimitStorm',
          retryAfterSec: 45,
          method: 'POST',
          times: 1,
        });
        clock.slept.length = 0;
        await expect(api.send(audio.id, { externalIds: ['store_0001'] })).resolves.toMatchObject({
          status: 'sent',
        });
        // Exactly as asked (plus what is left of the second the reset header rounds to).
        expect(clock.slept[0]).toBe(45_000);
        expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThan(46_000);
      },
      { stores: 10 },
    );
  });

  it("a 503's Retry-After (messaging down) does not hold back other calls", async () => {
    await withSandbox(
      async (sandbox) => {
        const { api } = musiqueStack(sandbox);
        const audio = (await api.listPage(1)).items[0]!;
        sandbox.control.setHealth({ messaging: 'down' });
        await expect(api.send(audio.id, { externalIds: ['store_0001'] })).rejects.toMatchObject({
          status: 503,
        });
        await expect(api.listPage(1)).resolves.toBeDefined();
      },
      { stores: 10 },
    );
  });

  it('holds the reserve for interactive calls during a big send', async () => {
    await withSandbox(
      async (sandbox) => {
        const { api, governor, clock } = musiqueStack(sandbox, { quota: smallQuota });
        const audio = (await api.listPage(1)).items[0]!;
        // Background sends use the minute down to its reserve…
        for (let i = 0; i < 8; i++)
          await api
            .send(audio.id, { externalIds: [`store_000${(i % 9) + 1}`] })
            .catch(() => undefined);
        expect(governor.quota.windows().minute.remaining).toBe(1);
        // …and the next one would wait for the next minute, but a person's call goes at once.
        const waitsBefore = clock.slept.length;
        await expect(api.listPage(1)).resolves.toBeDefined();
        expect(clock.slept).toHaveLength(waitsBefore);
        expect(tooMany(sandbox)).toBe(0);
      },
      { stores: 10, rateLimits: small },
    );
  });
});

describe('http client: Retry-After and budgets (issue 10, item 7)', () => {
  it('fails an interactive call at once on a long Retry-After, and background waits it exactly', async () => {
    const server = await scriptedServer((_req, res, hit) => {
      if (hit < 3) {
        res.writeHead(429, { 'retry-after': '90' });
        res.end('{"error":{"code":"rate_limit_exceeded"}}');
        return;
      }
      res.end('{"ok":true}');
    });
    const slept: number[] = [];
    const client = createHttpClient({
      service: 'musique',
      log: silentLogger(),
      retry: {
        attempts: 3,
        baseDelayMs: 1000,
        maxDelayMs: 30_000,
        sleep: (ms) => (slept.push(ms), Promise.resolve()),
      },
    });
    try {
      const error = (await client
        .request({ url: server.url })
        .catch((e: unknown) => e)) as UpstreamError;
      expect(error.shape.retryAfterMs).toBe(90_000);
      expect(error.shape.action).toMatch(/^Try again at \d\d:\d\d\.$/);
      expect(slept).toEqual([]);
      expect(server.hits()).toBe(1);
      await expect(
        client.request({ url: server.url, priority: 'background' }),
      ).resolves.toMatchObject({ data: { ok: true } });
      expect(server.hits()).toBe(3);
      // Background waited what the server asked: before, anything over 30 s was capped.
      expect(slept).toEqual([90_000]);
    } finally {
      await server.close();
    }
  });

  it('spends a stalled upstream within the call budget, not three full timeouts', async () => {
    const server = await scriptedServer((_req, res) => {
      setTimeout(() => res.end('{}'), 2000);
    });
    const client = createHttpClient({
      service: 'musique',
      log: silentLogger(),
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      // Three attempts of 150 ms would be allowed by the policy; the 200 ms budget cuts the
      // second one short and leaves no room for a third.
      const request = client.request({ url: server.url, timeoutMs: 150, budgetMs: 200 });
      const error = (await request.catch((e: unknown) => e)) as UpstreamError;
      expect(error.info.code).toBe('timeout');
      expect(server.hits()).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  });
});
