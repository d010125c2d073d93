/**
 * The governor's state: requests left in Musique's three rate windows (per minute, hour, day), kept from what the
 * service says. Every answer carries `X-RateLimit-Limit/Remaining/Reset` for one window — the
 * one with the fewest requests left [API.md, ours] — so that window is exact and the others
 * are counted down locally from their documented limits until the service speaks of them (or
 * the legacy `limits` endpoint gives all three at once).
 */
import {
  quotaWindowNames,
  type QuotaSnapshot,
  type QuotaWindowName,
} from '../../../../src-preload/contract/schemas/musique.ts';

/** The documented standard limits per API key [seed 001]. */
export const documentedLimits: Record<QuotaWindowName, number> = {
  minute: 100,
  hour: 1000,
  day: 10_000,
};
export const documentedWindowMs: Record<QuotaWindowName, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

export interface WindowState {
  limit: number;
  remaining: number;
  resetMs: number;
  exact: boolean;
}

export interface QuotaOptions {
  now?: () => number;
  /** The limits to assume until Musique states its own (the sandbox scales them down). */
  limits?: Record<QuotaWindowName, number>;
  /** Window lengths: fixed windows aligned to multiples of these (scaled in tests). */
  windowMs?: Record<QuotaWindowName, number>;
}

export interface ObserveOptions {
  /** The request was already counted when it was admitted (`consume`). */
  counted?: boolean;
  /** Requests admitted before this answer and still unanswered: the server may not have
   * counted them yet, so they come off what it reports. */
  othersInFlight?: number;
}

export interface QuotaTracker {
  /** Reads the rate-limit headers of any Musique answer (a no-op when they are absent). */
  observe(headers: Headers, options?: ObserveOptions): void;
  /** One request is going out now: it counts against every window. */
  consume(): void;
  /** The three windows as they stand now (estimated where Musique has not spoken). */
  windows(): Record<QuotaWindowName, WindowState & { lengthMs: number }>;
  /** Until when Musique asked for nothing more (`Retry-After`), if still ahead. */
  blockedUntil(): number | undefined;
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

export function createQuotaTracker(nowOrOptions: (() => number) | QuotaOptions = {}): QuotaTracker {
  const options = typeof nowOrOptions === 'function' ? { now: nowOrOptions } : nowOrOptions;
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? documentedWindowMs;
  const configured = options.limits ?? documentedLimits;
  let windows: Partial<Record<QuotaWindowName, WindowState>> = {};
  let limits = { ...configured };
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
    observe(headers, options = {}) {
      const limit = Number(headers.get('x-ratelimit-limit'));
      const remaining = Number(headers.get('x-ratelimit-remaining'));
      const resetSec = Number(headers.get('x-ratelimit-reset'));
      if (!headers.has('x-ratelimit-remaining') || !Number.isFinite(remaining)) return;
      const at = now();
      const resetMs =
        Number.isFinite(resetSec) && resetSec > 0 ? resetSec * 1000 : at + windowMs.minute;
      const others = options.othersInFlight ?? 0;
      const left = Math.max(0, remaining - others);
      const reported =
        Number.isFinite(limit) && limit > 0 ? windowOf(limit, resetMs) : ('minute' as const);
      for (const name of quotaWindowNames) {
        if (name === reported) continue;
        const state = roll(name, at);
        // This request counted against every window (already, when admitted through the
        // governor); the reported window is the tightest, so no other has fewer left.
        state.remaining = Math.max(left, state.remaining - (options.counted ? 0 : 1), 0);
      }
      if (Number.isFinite(limit) && limit > 0) limits[reported] = limit;
      windows[reported] = {
        limit: Number.isFinite(limit) && limit > 0 ? limit : limits[reported],
        remaining: left,
        resetMs,
        exact: true,
      };
      changed();
    },
    consume() {
      const at = now();
      for (const name of quotaWindowNames) {
        const state = roll(name, at);
        state.remaining = Math.max(0, state.remaining - 1);
      }
    },
    windows() {
      const at = now();
      const out = {} as Record<QuotaWindowName, WindowState & { lengthMs: number }>;
      for (const name of quotaWindowNames)
        out[name] = { ...roll(name, at), lengthMs: windowMs[name] };
      return out;
    },
    blockedUntil() {
      return blockedUntil !== undefined && blockedUntil > now() ? blockedUntil : undefined;
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
      limits = { ...configured };
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
