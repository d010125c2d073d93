/**
 * Spaces out progress events: a long sync reports every page, and the renderer needs a few
 * updates a second, not hundreds. The first step after a reset and every change of phase always
 * pass, so the user never misses that work started or moved on; within a phase, one step per
 * `everyMs` passes.
 */
export interface ProgressThrottle {
  /** Whether a step in `phase` should be announced now (and counts as announced if so). */
  admit(phase: string): boolean;
  /** The work ended: the next step is a first one again. */
  reset(): void;
}

export interface ProgressThrottleDeps {
  everyMs: number;
  /** Monotonic milliseconds (default `performance.now`). */
  now?: () => number;
}

export function createProgressThrottle({
  everyMs,
  now = () => performance.now(),
}: ProgressThrottleDeps): ProgressThrottle {
  let started = false;
  let lastAt = 0;
  let lastPhase: string | undefined;
  return {
    admit(phase) {
      const at = now();
      if (started && phase === lastPhase && at - lastAt < everyMs) return false;
      started = true;
      lastAt = at;
      lastPhase = phase;
      return true;
    },
    reset() {
      started = false;
      lastPhase = undefined;
    },
  };
}
