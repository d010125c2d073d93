/**
 * Runs work one piece at a time, in the order asked. A failure is handed back to whoever queued
 * that piece and never blocks the pieces after it.
 */
export interface SerialQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Settles once everything queued so far has finished (failures included). */
  idle(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      const run = tail.then(work, work);
      tail = run.catch(() => undefined);
      return run;
    },
    idle: () => tail.then(() => undefined),
  };
}
