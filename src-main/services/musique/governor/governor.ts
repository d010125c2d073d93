/**
 * The rate-limit governor: every Musique request (uploads, library, health, usage log, sends)
 * passes through `admit` before it leaves and `settle` when it ends, so one model of the three
 * windows (the quota tracker, synced from `X-RateLimit-*`, the legacy limits endpoint and
 * `Retry-After`) decides for all of them. Background work stops short of a small reserve per
 * window and waits; an interactive call may use the reserve, and when even that is gone it
 * fails at once saying when to try again.
 */
import type {
  QuotaSnapshot,
  QuotaWindowName,
} from '../../../../src-preload/contract/schemas/musique.ts';
import { appError } from '../../core/errors.ts';
import type { HttpRequest, RequestGate } from '../../http/http-client.ts';
import { interactiveWaitMs } from '../../http/retry.ts';
import { clockTime, tryAgainAt } from '../../http/retry-later.ts';
import type { GovernorClock } from './clock.ts';
import { admission, describeForecast, forecast, type Forecast } from './plan.ts';
import type { QuotaTracker } from './quota.ts';

const windowWord = { minute: 'per-minute', hour: 'hourly', day: 'daily' } as const;

export interface GovernorForecast extends Forecast {
  /** "24 requests; starts now; done in about 2 minutes". */
  summary: string;
}

export interface Governor extends RequestGate {
  readonly clock: GovernorClock;
  readonly quota: QuotaTracker;
  /** How `requests` background requests would run from now. */
  forecast(requests: number): GovernorForecast;
  /** Exponential back-off from 1 s, doubling to a minute, jittered: for the `attempt`-th retry. */
  backoff(attempt: number): number;
  snapshot(): QuotaSnapshot;
  /**
   * Told whenever background work starts waiting: a window is used up (until its reset), or
   * Musique said `Retry-After`. The outbox shows it on the job it is sending.
   */
  onWait(listener: (wait: GovernorWait) => void): () => void;
  /**
   * Resolves when a background request would be admitted now (without taking its place), after
   * waiting for the windows or a `Retry-After` as `admit` would; listeners are told of the wait.
   * Lets the outbox wait with its stores still pending, before it records an attempt.
   */
  whenReady(signal?: AbortSignal): Promise<void>;
}

export interface GovernorWait {
  window: QuotaWindowName | 'retryAfter';
  resumesAt: number;
}

export interface GovernorOptions {
  quota: QuotaTracker;
  clock: GovernorClock;
  random?: () => number;
  /** Time zone for "try again at 14:00" (default: this PC's). */
  timeZone?: string;
}

export function createGovernor(options: GovernorOptions): Governor {
  const { quota, clock } = options;
  const random = options.random ?? Math.random;
  let inFlight = 0;
  const at = (ms: number) => clockTime(ms, options.timeZone);
  const waitListeners = new Set<(wait: GovernorWait) => void>();
  const told = (wait: GovernorWait) => {
    for (const listener of waitListeners) listener(wait);
  };

  const governor: Governor = {
    clock,
    quota,
    async admit(request: HttpRequest, signal?: AbortSignal) {
      const priority = request.priority ?? 'interactive';
      for (;;) {
        const now = clock.now();
        const slot = admission(quota.windows(), now, priority, quota.blockedUntil());
        if (slot.at <= now) {
          quota.consume();
          inFlight++;
          return;
        }
        const waitMs = slot.at - now;
        if (priority === 'interactive' && waitMs > interactiveWaitMs) {
          const which =
            slot.heldBy === 'retryAfter'
              ? 'Musique asked Aislecast to wait'
              : `The ${windowWord[slot.heldBy ?? 'minute']} request quota is used up`;
          throw appError('rate_limited', `${which}, so this was not sent.`, {
            service: 'musique',
            action: tryAgainAt(slot.at, options.timeZone),
            retryAfterMs: waitMs,
          });
        }
        if (priority === 'background')
          told({ window: slot.heldBy ?? 'minute', resumesAt: slot.at });
        await clock.sleep(waitMs, signal);
      }
    },
    settle(_request, response) {
      inFlight = Math.max(0, inFlight - 1);
      if (response) quota.observe(response.headers, { counted: true, othersInFlight: inFlight });
    },
    block(untilMs) {
      const current = quota.blockedUntil();
      if (current === undefined || untilMs > current) quota.block(untilMs);
      if (untilMs > clock.now()) told({ window: 'retryAfter', resumesAt: untilMs });
    },
    forecast(requests) {
      const now = clock.now();
      const blocked = quota.blockedUntil();
      const plan = forecast(requests, quota.windows(), now, {
        ...(blocked !== undefined ? { blockedUntil: blocked } : {}),
      });
      return { ...plan, summary: describeForecast(plan, now, at) };
    },
    backoff(attempt) {
      const ceiling = Math.min(1000 * 2 ** attempt, 60_000);
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    },
    snapshot: () => quota.snapshot(),
    async whenReady(signal) {
      for (;;) {
        const now = clock.now();
        const slot = admission(quota.windows(), now, 'background', quota.blockedUntil());
        if (slot.at <= now) return;
        told({ window: slot.heldBy ?? 'minute', resumesAt: slot.at });
        await clock.sleep(slot.at - now, signal);
      }
    },
    onWait(listener) {
      waitListeners.add(listener);
      return () => waitListeners.delete(listener);
    },
  };
  return governor;
}
