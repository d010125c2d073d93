import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../support/sandbox.ts';
import { fetchJson, musiqueHeaders, withSandbox } from '../../support/sandbox.ts';

type ErrorBody = { error: { code: string; message: string; type: string; retryAfter: number } };

/** Moves the sandbox clock to 1 ms past the next day boundary: every window starts afresh. */
function alignToDay(sandbox: SandboxHandle): number {
  const now = sandbox.control.now();
  const next = (Math.floor(now / 86_400_000) + 1) * 86_400_000 + 1;
  sandbox.control.advance(next - now);
  return next;
}

async function call(sandbox: SandboxHandle, token?: string) {
  return fetchJson<ErrorBody>(`${sandbox.musique.v1BaseUrl}/audio?limit=1`, {
    headers: musiqueHeaders(sandbox, token),
  });
}

const rate = (headers: Headers) => ({
  limit: headers.get('x-ratelimit-limit'),
  remaining: headers.get('x-ratelimit-remaining'),
  reset: headers.get('x-ratelimit-reset'),
});

describe('Musique rate limits', () => {
  it('counts per token over minute, hour and day windows on the sandbox clock', async () => {
    await withSandbox(
      async (sandbox) => {
        const start = alignToDay(sandbox);
        const minuteReset = String((start - 1) / 1000 + 60);
        for (let i = 4; i >= 0; i--) {
          const { status, headers } = await call(sandbox);
          expect(status).toBe(200);
          expect(rate(headers)).toEqual({ limit: '5', remaining: String(i), reset: minuteReset });
        }
        const refused = await call(sandbox);
        expect(refused.status).toBe(429);
        expect(refused.body.error).toMatchObject({
          code: 'rate_limit_exceeded',
          type: 'rate_limit_error',
          retryAfter: 60,
        });
        expect(refused.headers.get('retry-after')).toBe('60');
        expect(rate(refused.headers)).toEqual({ limit: '5', remaining: '0', reset: minuteReset });
        // Refused calls do not count; another token has its own windows.
        expect(
          (await call(sandbox, sandbox.control.issueMusiqueToken({ externalId: 'other' }).token))
            .status,
        ).toBe(200);

        sandbox.control.advance(60_000);
        const next = await call(sandbox);
        expect(next.status).toBe(200);
        // 6 of 8 used this hour: the hour window now has the fewest left, and is reported.
        expect(rate(next.headers)).toEqual({
          limit: '8',
          remaining: '2',
          reset: String((start - 1) / 1000 + 3600),
        });
        await call(sandbox);
        await call(sandbox);
        const hourly = await call(sandbox);
        expect(hourly.status).toBe(429);
        expect(hourly.body.error.retryAfter).toBe(3600 - 60);

        sandbox.control.advance(3_600_000);
        for (let i = 0; i < 2; i++) expect((await call(sandbox)).status).toBe(200);
        const daily = await call(sandbox);
        expect(daily.status).toBe(429);
        expect(rate(daily.headers)).toMatchObject({ limit: '10', remaining: '0' });
        sandbox.control.advance(86_400_000);
        expect((await call(sandbox)).status).toBe(200);
      },
      { rateLimits: { perMinute: 5, perHour: 8, perDay: 10 } },
    );
  });

  it('takes configurable window lengths', async () => {
    await withSandbox(
      async (sandbox) => {
        const now = sandbox.control.now();
        sandbox.control.advance(1000 - (now % 1000) + 1);
        expect((await call(sandbox)).status).toBe(200);
        expect((await call(sandbox)).status).toBe(200);
        const refused = await call(sandbox);
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toBe('1');
        sandbox.control.advance(1000);
        expect((await call(sandbox)).status).toBe(200);
      },
      { rateLimits: { perMinute: 2, perHour: 100, perDay: 1000, minuteMs: 1000 } },
    );
  });

  it('does not count token generation or calls without a valid token', async () => {
    await withSandbox(
      async (sandbox) => {
        alignToDay(sandbox);
        for (let i = 0; i < 3; i++) {
          await fetchJson(`${sandbox.musique.origin}/api/integration/auth`, {
            json: { externalId: `gen_${i}`, companyToken: sandbox.credentials.musiqueCompanyToken },
          });
          expect((await call(sandbox, 'demo_test_ffff')).status).toBe(401);
        }
        const { headers } = await call(sandbox);
        expect(rate(headers).remaining).toBe('2');
      },
      { rateLimits: { perMinute: 3, perHour: 100, perDay: 1000 } },
    );
  });
});
