/**
 * The governor's pure core: when may the next request go, and how long will N requests take,
 * given the three rate windows. Plain functions over data, tested without I/O.
 */
import type { QuotaWindowName } from '../../../../src-preload/contract/schemas/musique.ts';
import type { RequestPriority } from '../../http/retry.ts';

export interface PlanWindow {
  limit: number;
  remaining: number;
  resetMs: number;
  lengthMs: number;
}

export type PlanWindows = Record<QuotaWindowName, PlanWindow>;

const order: readonly QuotaWindowName[] = ['minute', 'hour', 'day'];

/**
 * Requests background work leaves untouched in each window, so a person can still open the
 * library or test the token during a big send: 2 % of the window, at least one where the
 * window has room for it (5 of 100 a minute would cost a big send 5 % of its speed).
 */
export function reserveOf(limit: number): number {
  if (limit < 5) return 0;
  return Math.max(1, Math.ceil(limit * 0.02));
}

/** A window whose reset has passed starts again full (aligned to its length). */
export function rolled(window: PlanWindow, at: number): PlanWindow {
  if (at < window.resetMs) return window;
  const periods = Math.floor((at - window.resetMs) / window.lengthMs) + 1;
  return {
    ...window,
    remaining: window.limit,
    resetMs: window.resetMs + periods * window.lengthMs,
  };
}

export interface Admission {
  /** When the request may go: `now` when it may go at once. */
  at: number;
  /** The window (or `retryAfter`) that holds it back. */
  heldBy?: QuotaWindowName | 'retryAfter';
}

/** When the next request of this priority may go out. */
export function admission(
  windows: PlanWindows,
  now: number,
  priority: RequestPriority,
  blockedUntil?: number,
): Admission {
  let at = now;
  let heldBy: Admission['heldBy'];
  if (blockedUntil !== undefined && blockedUntil > at) {
    at = blockedUntil;
    heldBy = 'retryAfter';
  }
  // A window that is short now may have reset by `at`; check again until every window agrees.
  for (let round = 0; round < 4; round++) {
    let moved = false;
    for (const name of order) {
      const window = rolled(windows[name], at);
      const keep = priority === 'background' ? reserveOf(window.limit) : 0;
      if (window.remaining > keep) continue;
      if (window.resetMs > at) {
        at = window.resetMs;
        heldBy = name;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return heldBy ? { at, heldBy } : { at };
}

export interface Forecast {
  requests: number;
  startsAt: number;
  finishesAt: number;
  /** Requests the windows allow before the first wait (all of them when there is none). */
  withoutWaiting: number;
  /** The first window that makes the work wait, with the requests it allows before that. */
  waitsFor?: { window: QuotaWindowName | 'retryAfter'; remaining: number; resumesAt: number };
}

/**
 * How `requests` background requests would run from `now`: one after another, each taking
 * about `requestMs`, never past any window's allowance (less its reserve).
 */
export function forecast(
  requests: number,
  windows: PlanWindows,
  now: number,
  options: { requestMs?: number; blockedUntil?: number } = {},
): Forecast {
  const requestMs = options.requestMs ?? 250;
  let state: PlanWindows = { ...windows };
  let t = now;
  let startsAt = now;
  let withoutWaiting = requests;
  let waitsFor: Forecast['waitsFor'];
  for (let i = 0; i < requests; i++) {
    const slot = admission(state, t, 'background', i === 0 ? options.blockedUntil : undefined);
    if (slot.at > t && waitsFor === undefined) {
      if (i === 0) startsAt = slot.at;
      if (i > 0 || slot.heldBy === 'retryAfter') {
        withoutWaiting = i;
        // "Quota left" is what this work may still use before the wait: `i` requests.
        waitsFor = { window: slot.heldBy ?? 'minute', remaining: i, resumesAt: slot.at };
      }
    }
    t = slot.at;
    const next = { ...state };
    for (const name of order) {
      const window = rolled(state[name], t);
      next[name] = { ...window, remaining: window.remaining - 1 };
    }
    state = next;
    t += requestMs;
  }
  return {
    requests,
    startsAt,
    finishesAt: requests === 0 ? now : t,
    withoutWaiting,
    ...(waitsFor ? { waitsFor } : {}),
  };
}

const windowWord: Record<QuotaWindowName | 'retryAfter', string> = {
  minute: 'per-minute',
  hour: 'hourly',
  day: 'daily',
  retryAfter: 'Musique asked to wait;',
};

function about(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 90_000) return ms < 45_000 ? 'under a minute' : 'about a minute';
  if (minutes < 90) return `about ${minutes} minutes`;
  const hours = Math.round(ms / 360_000) / 10;
  return `about ${hours} hours`;
}

/**
 * The forecast in a sentence: "24 requests; starts now; done in about 2 minutes", or "hourly
 * quota left: 4; the rest resumes at 14:00; done about 16:40". `clock` formats a time.
 */
export function describeForecast(
  plan: Forecast,
  now: number,
  clock: (ms: number) => string,
): string {
  const count = `${plan.requests} request${plan.requests === 1 ? '' : 's'}`;
  if (plan.requests === 0) return 'Nothing to send.';
  if (plan.waitsFor) {
    const held = plan.waitsFor.window;
    const head =
      held === 'retryAfter'
        ? `${count}; Musique asked to wait until ${clock(plan.waitsFor.resumesAt)}`
        : `${count}; ${windowWord[held]} quota left: ${plan.waitsFor.remaining}; the rest resumes at ${clock(plan.waitsFor.resumesAt)}`;
    return `${head}; done about ${clock(plan.finishesAt)}`;
  }
  const starts = plan.startsAt <= now ? 'starts now' : `starts at ${clock(plan.startsAt)}`;
  return `${count}; ${starts}; done in ${about(plan.finishesAt - now)}`;
}
