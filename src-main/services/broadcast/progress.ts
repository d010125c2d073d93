/**
 * A job's progress events, throttled: at most one per job per `everyMs` (a 10,000-store job
 * must not flood the window with hundreds of events), the last one always delivered.
 */
export interface Progress<T> {
  /** `now` skips the throttle (a phase change, a wait, a stop). */
  publish(id: string, value: () => T, now?: boolean): void;
  dispose(): void;
}

export function createProgress<T>(emit: ((value: T) => void) | undefined, everyMs: number) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastEmit = new Map<string, number>();
  const progress: Progress<T> = {
    publish(id, value, now = false) {
      if (!emit) return;
      const since = Date.now() - (lastEmit.get(id) ?? 0);
      if (now || since >= everyMs) {
        clearTimeout(timers.get(id));
        timers.delete(id);
        lastEmit.set(id, Date.now());
        emit(value());
      } else if (!timers.has(id)) {
        const timer = setTimeout(() => progress.publish(id, value, true), everyMs - since);
        timer.unref?.();
        timers.set(id, timer);
      }
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
    },
  };
  return progress;
}
