import { describe, expect, it } from 'vitest';
import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import { createSerialQueue } from '../../../src-main/services/core/serial-queue.ts';
import { createApprovalWait } from '../../../src-main/services/queye/approval-wait.ts';
import type { IssuedTokens } from '../../../src-main/services/queye/queye-api.ts';
import { manualClock } from './support/manual-clock.ts';

/**
 * Only the latest wait for approval counts: an exchange answer that arrives after the wait was
 * stopped (a cancel, a new connect, a sign-out) must neither sign in nor end the wait again.
 */
const creds = { baseUrl: 'https://queye.test/v1', clientKey: 'qm_client_a', userKey: 'qm_user_a' };
const tokens: IssuedTokens = {
  accessToken: 'at',
  refreshToken: 'rt',
  expiresIn: 3600,
  scopes: ['library:read'],
  userId: 'u1',
};

function setup() {
  const clock = manualClock(0);
  let status: QueyeStatus = { state: 'connecting', demo: false, baseUrl: creds.baseUrl };
  const answers: Array<{ resolve: (t: IssuedTokens) => void; reject: (e: unknown) => void }> = [];
  const approved: IssuedTokens[] = [];
  const failed: unknown[] = [];
  const wait = createApprovalWait({
    clock,
    random: () => 0.5,
    auth: {
      exchange: () =>
        new Promise<IssuedTokens>((resolve, reject) => answers.push({ resolve, reject })),
    },
    publisher: { current: () => status, set: (next) => (status = next) },
    queue: createSerialQueue(),
    approved: (_creds, issued) => {
      approved.push(issued);
      return Promise.resolve();
    },
    failed: (error) => {
      failed.push(error);
      return Promise.resolve();
    },
  });
  return { clock, wait, answers, approved, failed, status: () => status };
}

describe('approval wait', () => {
  it('signs in when the current wait is approved', async () => {
    const { clock, wait, answers, approved } = setup();
    wait.start(creds, 'apr_1');
    await clock.advance(5000);
    expect(answers).toHaveLength(1);
    answers[0]!.resolve(tokens);
    await clock.advance(0);
    expect(approved).toEqual([tokens]);
  });

  it('an approval answering after the wait was stopped is ignored', async () => {
    const { clock, wait, answers, approved } = setup();
    wait.start(creds, 'apr_1');
    await clock.advance(5000);
    expect(answers).toHaveLength(1);
    wait.stop();
    expect(wait.active()).toBe(false);
    answers[0]!.resolve(tokens);
    await clock.advance(300_000);
    expect(approved).toEqual([]);
    expect(answers).toHaveLength(1);
  });

  it('a failure answering after a newer wait began does not end the newer wait', async () => {
    const { clock, wait, answers, failed } = setup();
    wait.start(creds, 'apr_1');
    await clock.advance(5000);
    wait.start(creds, 'apr_2');
    answers[0]!.reject(new Error('refused'));
    await clock.advance(0);
    expect(failed).toEqual([]);
    expect(wait.active()).toBe(true);
  });
});
