/**
 * The sandbox clock: wall-clock time plus an offset that tests move forward. Token expiry, rate
 * windows, scheduled sends and log retention all read this clock, so a test can jump an hour
 * ahead instead of waiting for it.
 */
export interface SandboxClock {
  /** Milliseconds since the Unix epoch, as the sandbox sees it. */
  now(): number;
  /** Moves the clock forward; time never runs backwards. */
  advance(ms: number): void;
  /** Back to wall-clock time. */
  reset(): void;
}

export function createClock(wallClock: () => number = Date.now): SandboxClock {
  let offset = 0;
  return {
    now: () => wallClock() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() takes a duration ≥ 0 ms');
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
