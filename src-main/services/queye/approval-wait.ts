import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import { createLatestAttempt } from '../core/latest-attempt.ts';
import type { SerialQueue } from '../core/serial-queue.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { startApprovalLoop, type ApprovalLoop } from './approval-loop.ts';
import type { Clock } from '../core/clock.ts';
import type { IssuedTokens, QueyeAuthApi } from './queye-api.ts';
import type { QueyeCredentials } from './sign-in-keys.ts';
import { approvalRequestId, isApprovalRequired, shapeOf } from './sign-in-errors.ts';
import type { StatusPublisher } from './status-publisher.ts';

/**
 * The wait while Queye holds a sign-in for approval: polls the exchange (see approval-loop.ts),
 * shows each check in the status, and signs in once approved. Only the latest wait counts: a
 * connect, cancel or sign-out in the meantime makes an answer still on its way stale.
 */
export interface ApprovalWait {
  /** Starts waiting for `creds` (ending any earlier wait); `requestId`: Queye's `apr_…`. */
  start(creds: QueyeCredentials, requestId: string): void;
  /** Ends the wait; answers still on their way are ignored. */
  stop(): void;
  active(): boolean;
  /** "Check now": one attempt right away. */
  checkNow(): Promise<void>;
}

export interface ApprovalWaitDeps {
  clock: Clock;
  random?: () => number;
  auth: Pick<QueyeAuthApi, 'exchange'>;
  publisher: Pick<StatusPublisher, 'current' | 'set'>;
  /** The sign-in changes' queue: approval and failure take their turn in it. */
  queue: SerialQueue;
  approved(creds: QueyeCredentials, tokens: IssuedTokens): Promise<void>;
  /** The wait ended without a sign-in (anything but "pending" or "offline"). */
  failed(error: ApiErrorShape | undefined): Promise<void>;
}

export function createApprovalWait(deps: ApprovalWaitDeps): ApprovalWait {
  const { clock, publisher } = deps;
  const attempts = createLatestAttempt();
  let loop: ApprovalLoop | undefined;

  const stop = () => {
    loop?.cancel();
    loop = undefined;
    attempts.supersede();
  };

  return {
    start(creds, requestId) {
      stop();
      const mine = attempts.begin();
      const base = {
        ...publisher.current(),
        state: 'awaiting-approval' as const,
        error: undefined,
      };
      const show = (count: number, extra: { nextAttemptAt?: number; id?: string } = {}) =>
        publisher.set({
          ...base,
          approval: {
            requestId: extra.id ?? publisher.current().approval?.requestId ?? requestId,
            attempts: count,
            lastCheckedAt: new Date(clock.now()).toISOString(),
            ...(extra.nextAttemptAt
              ? { nextAttemptAt: new Date(extra.nextAttemptAt).toISOString() }
              : {}),
          },
        });
      show(1);
      const started = startApprovalLoop({
        clock,
        random: deps.random,
        initialAttempts: 1,
        onWaiting: (count, nextAttemptAt) => {
          if (mine.isCurrent()) show(count, { nextAttemptAt });
        },
        attempt: async () => {
          try {
            const tokens = await deps.auth.exchange(creds.baseUrl, creds.clientKey, creds.userKey);
            if (!mine.isCurrent()) return true;
            await deps.queue.run(() =>
              mine.isCurrent() ? deps.approved(creds, tokens) : Promise.resolve(),
            );
            return true;
          } catch (error) {
            if (!mine.isCurrent()) return true;
            if (isApprovalRequired(error)) {
              show(started.attempts, { id: approvalRequestId(error) });
              return false;
            }
            // Offline for a moment: keep waiting. Anything else ends the wait with its message.
            if (error instanceof UpstreamError && error.status === 0) return false;
            stop();
            void deps.queue.run(() => deps.failed(shapeOf(error)));
            return true;
          }
        },
      });
      loop = started;
    },
    stop,
    active: () => loop !== undefined,
    async checkNow() {
      await loop?.checkNow();
    },
  };
}
