/**
 * Requests left in Musique's three rate windows (per minute, hour, day), kept from what the
 * service says. Every answer carries `X-RateLimit-Limit/Remaining/Reset` for one window — the
 * one with the fewest requests left [API.md, ours] — so that window is exact and the others
 * are counted down locally from their documented limits until the service speaks of them (or
 * the legacy `limits` endpoint gives all three at once).
 */
import {
  quotaWindowNames,
  type QuotaSnapshot,
  type QuotaWindowName,
} from '../../../src-preload/contract/schemas/musique.ts';

/** The documented standard limits per API key [seed 001]. */
export const documentedLimits: Record<QuotaWindowName, number> = {
  minute: 100,
  hour: 1000,
  day: 10_000,
};
const windowMs: Record<QuotaWindowName, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

interface WindowState {
  limit: number;
  remaining: number;
  resetMs: number;
  exact: boolean;
}

export interface QuotaTracker {
  /** Reads the rate-limit headers of any Musique answer (a no-op when they are absent). */
  observe(headers: Headers): void;
  /** All three windows at once, from the legacy `limits` endpoint. */
  applyLimits(
    limits: Partial<
      Record<QuotaWindowName, { limit: number; remaining: number; resetAt?: string }>
    >,
  ): void;
  /** Musique answered 429: nothing more until then. */
  block(untilMs: number): void;
  snapshot(): QuotaSnapshot;
  /** Forgets everything (another token has its own quota). */
  reset(): void;
  onChange(listener: (snapshot: QuotaSnapshot) => void): () => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createQuotaTracker(now: () => number = Date.now): QuotaTracker {
  let windows: Partial<Record<QuotaWindowName, WindowState>> = {};
  let limits = { ...documentedLimits };
  let blockedUntil: number | undefined;
  let updatedAt: number | undefined;
  const listeners = new Set<(snapshot: QuotaSnapshot) => void>();

  const changed = () => {
    updatedAt = now();
    const snapshot = tracker.snapshot();
    for (const listener of listeners) listener(snapshot);
  };

  /** Which window a header set speaks of: by its limit when that is unambiguous, else by
   * how far away its reset is. */
  const windowOf = (limit: number, resetMs: number): QuotaWindowName => {
    const byLimit = quotaWindowNames.filter((name) => limits[name] === limit);
    if (byLimit.length === 1) return byLimit[0]!;
    const horizon = resetMs - now();
    if (horizon <= windowMs.minute) return 'minute';
    if (horizon <= windowMs.hour) return 'hour';
    return 'day';
  };

  /** A window whose reset has passed starts again full (estimated until the service says). */
  const roll = (name: QuotaWindowName, at: number): WindowState => {
    const state = windows[name];
    if (state && at < state.resetMs) return state;
    const length = windowMs[name];
    const fresh: WindowState = {
      limit: limits[name],
      remaining: limits[name],
      resetMs: (Math.floor(at / length) + 1) * length,
      exact: false,
    };
    windows[name] = fresh;
    return fresh;
  };

  const tracker: QuotaTracker = {
    observe(headers) {
      const limit = Number(headers.get('x-ratelimit-limit'));
      const remaining = Number(headers.get('x-ratelimit-remaining'));
      const resetSec = Number(headers.get('x-ratelimit-reset'));
      if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(remaining)) return;
      const at = now();
      const resetMs = Number.isFinite(resetSec) && resetSec > 0 ? resetSec * 1000 : at + 60_000;
      const reported =
        Number.isFinite(limit) && limit > 0 ? windowOf(limit, resetMs) : ('minute' as const);
      for (const name of quotaWindowNames) {
        if (name === reported) continue;
        const state = roll(name, at);
        // This request counted against every window; the reported one is the tightest.
        state.remaining = Math.max(remaining, state.remaining - 1, 0);
      }
      if (Number.isFinite(limit) && limit > 0) limits[reported] = limit;
      windows[reported] = {
        limit: Number.isFinite(limit) && limit > 0 ? limit : limits[reported],
        remaining: Math.max(0, remaining),
        resetMs,
        exact: true,
      };
      changed();
    },
    applyLimits(update) {
      for (const name of quotaWindowNames) {
        const figures = update[name];
        if (!figures) continue;
        limits[name] = figures.limit;
        const reset = figures.resetAt ? Date.parse(figures.resetAt) : Number.NaN;
        windows[name] = {
          limit: figures.limit,
          remaining: figures.remaining,
          resetMs: Number.isNaN(reset) ? roll(name, now()).resetMs : reset,
          exact: true,
        };
      }
      changed();
    },
    block(untilMs) {
      blockedUntil = untilMs;
      changed();
    },
    snapshot() {
      const at = now();
      const out: QuotaSnapshot = { windows: {} };
      for (const name of quotaWindowNames) {
        const state = windows[name];
        if (!state) continue;
        const current = at >= state.resetMs ? roll(name, at) : state;
        out.windows[name] = {
          limit: current.limit,
          remaining: current.remaining,
          resetAt: iso(current.resetMs),
          exact: current.exact,
        };
      }
      if (updatedAt !== undefined) out.updatedAt = iso(updatedAt);
      if (blockedUntil !== undefined && blockedUntil > at) out.blockedUntil = iso(blockedUntil);
      return out;
    },
    reset() {
      windows = {};
      limits = { ...documentedLimits };
      blockedUntil = undefined;
      updatedAt = undefined;
      for (const listener of listeners) listener(tracker.snapshot());
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return tracker;
}
