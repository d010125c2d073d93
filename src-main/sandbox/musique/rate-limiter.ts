import { isoAt } from '../clock.ts';
import type { ResolvedOptions } from '../options.ts';

export type WindowName = 'perMinute' | 'perHour' | 'perDay';
const windowNames: readonly WindowName[] = ['perMinute', 'perHour', 'perDay'];

interface WindowState {
  index: number;
  count: number;
}

export interface RateDecision {
  allowed: boolean;
  /** `X-RateLimit-*` (and `Retry-After` when refused). */
  headers: Record<string, string>;
  retryAfterSec: number;
}

export interface RateUsage {
  limits: Record<WindowName, number>;
  usage: Record<WindowName, number>;
  remaining: Record<WindowName, number>;
  resetAt: Record<WindowName, string>;
}

/**
 * Fixed windows per token (minute, hour, day by default), aligned to multiples of the window
 * length on the sandbox clock. A request counts against all three; a refused request counts
 * against none. The headers describe the window with the fewest requests left (on a tie, the
 * one that resets last), so a client that trusts them never overruns any window.
 */
export interface RateLimiter {
  hit(key: string, nowMs: number): RateDecision;
  usage(key: string, nowMs: number): RateUsage;
}

export function createRateLimiter(config: ResolvedOptions['rateLimits']): RateLimiter {
  const limit: Record<WindowName, number> = {
    perMinute: config.perMinute,
    perHour: config.perHour,
    perDay: config.perDay,
  };
  const length: Record<WindowName, number> = {
    perMinute: config.minuteMs,
    perHour: config.hourMs,
    perDay: config.dayMs,
  };
  const states = new Map<string, Record<WindowName, WindowState>>();

  function current(key: string, nowMs: number): Record<WindowName, WindowState> {
    let state = states.get(key);
    if (!state) {
      state = {
        perMinute: { index: -1, count: 0 },
        perHour: { index: -1, count: 0 },
        perDay: { index: -1, count: 0 },
      };
      states.set(key, state);
    }
    for (const name of windowNames) {
      const index = Math.floor(nowMs / length[name]);
      if (state[name].index !== index) state[name] = { index, count: 0 };
    }
    return state;
  }

  const resetMs = (name: WindowName, state: WindowState) => (state.index + 1) * length[name];

  function headersFor(name: WindowName, state: WindowState): Record<string, string> {
    return {
      'x-ratelimit-limit': String(limit[name]),
      'x-ratelimit-remaining': String(Math.max(0, limit[name] - state.count)),
      'x-ratelimit-reset': String(Math.ceil(resetMs(name, state) / 1000)),
    };
  }

  /** The window to report: fewest left, and on a tie the one that resets last. */
  function binding(
    state: Record<WindowName, WindowState>,
    among: readonly WindowName[],
  ): WindowName {
    let best: WindowName = among[0] ?? 'perMinute';
    for (const name of among) {
      const left = limit[name] - state[name].count;
      const bestLeft = limit[best] - state[best].count;
      if (
        left < bestLeft ||
        (left === bestLeft && resetMs(name, state[name]) > resetMs(best, state[best]))
      )
        best = name;
    }
    return best;
  }

  return {
    hit(key, nowMs) {
      const state = current(key, nowMs);
      const exhausted = windowNames.filter((name) => state[name].count >= limit[name]);
      if (exhausted.length > 0) {
        const name = binding(state, exhausted);
        const retryAfterSec = Math.max(1, Math.ceil((resetMs(name, state[name]) - nowMs) / 1000));
        return {
          allowed: false,
          retryAfterSec,
          headers: { ...headersFor(name, state[name]), 'retry-after': String(retryAfterSec) },
        };
      }
      for (const name of windowNames) state[name].count++;
      const name = binding(state, windowNames);
      return { allowed: true, retryAfterSec: 0, headers: headersFor(name, state[name]) };
    },
    usage(key, nowMs) {
      const state = current(key, nowMs);
      const per = <T>(f: (name: WindowName) => T) =>
        ({ perMinute: f('perMinute'), perHour: f('perHour'), perDay: f('perDay') }) as Record<
          WindowName,
          T
        >;
      return {
        limits: per((name) => limit[name]),
        usage: per((name) => state[name].count),
        remaining: per((name) => Math.max(0, limit[name] - state[name].count)),
        resetAt: per((name) => isoAt(resetMs(name, state[name]))),
      };
    },
  };
}
