/** User Timing names of queue operations start with this (DevTools shows them; so do benchmarks). */
export const queueTimingPrefix = 'queue:';

/**
 * Runs `work` and records how long it took as a User Timing measure named `name`. Only the
 * latest measure of each name is kept, so hours of playback do not fill the timeline.
 */
export function measured<R>(name: string, work: () => R): R {
  const start = performance.now();
  try {
    return work();
  } finally {
    if (typeof performance.measure === 'function') {
      performance.clearMeasures(name);
      performance.measure(name, { start, end: performance.now() });
    }
  }
}

/** Replaces the named methods of `target` with ones that record their duration. */
export function withTimings<T extends object>(target: T, names: ReadonlyArray<keyof T>): T {
  for (const name of names) {
    const method = target[name] as unknown as (...args: unknown[]) => unknown;
    (target as Record<keyof T, unknown>)[name] = (...args: unknown[]) =>
      measured(`${queueTimingPrefix}${String(name)}`, () => method(...args));
  }
  return target;
}
