/** Wanted playback that has made no progress for this long is looked into. */
export const defaultStallTimeoutMs = 10_000;

export interface StallWatchdog {
  /** Tell it whether playback is wanted but waiting (buffering, starting) right now. */
  update(waiting: boolean): void;
  /** Sound flowed again, or another track was chosen: the next stall waits the least. */
  reset(): void;
  /** Stops watching for now (a reload, an error being handled), keeping the current wait. */
  stop(): void;
}

/**
 * Notices playback that waits for ever. A media element whose stream stops answering does not
 * always fail: after a broken connection it can sit in `waiting` with no error at all. Waiting
 * that makes no progress for `timeoutMs` calls `stalled`; each further stall of the same run
 * waits twice as long, so a merely slow network is not hammered with reloads.
 */
export function createStallWatchdog(options: {
  position: () => number;
  stalled: () => void;
  timeoutMs?: number;
}): StallWatchdog {
  const base = options.timeoutMs ?? defaultStallTimeoutMs;
  let wait = base;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = () => {
    const from = options.position();
    timer = setTimeout(() => {
      timer = undefined;
      // Slow but moving: keep watching from here.
      if (options.position() > from + 0.5) return arm();
      wait = Math.min(wait * 2, base * 8);
      options.stalled();
    }, wait);
  };

  return {
    update(waiting) {
      if (!waiting) {
        clearTimeout(timer);
        timer = undefined;
      } else if (!timer) arm();
    },
    reset() {
      clearTimeout(timer);
      timer = undefined;
      wait = base;
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
