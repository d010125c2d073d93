/**
 * How long broadcast history is kept (`settings.broadcast.historyDays`): a job that finished
 * longer ago than that is removed, journal and all. A job still running, paused, stopped or
 * waiting for a decision about unknown stores is never removed, however old: its journal is
 * what keeps a store from getting the announcement twice.
 */
import type { Logger } from '../log/logger.ts';
import type { JobStore } from './job-store.ts';
import { phaseOf, type JobState } from './state.ts';

const dayMs = 86_400_000;

/** The jobs to remove: finished (every store final, none unknown) before `now - days`. */
export function expiredJobs(
  states: readonly JobState[],
  historyDays: number,
  now: number,
): string[] {
  const cutoff = now - historyDays * dayMs;
  return states
    .filter(
      (state) =>
        phaseOf(state, state.counts) === 'done' &&
        state.finishedAt !== undefined &&
        state.finishedAt < cutoff,
    )
    .map((state) => state.job.id);
}

export interface Retention {
  /** Removes the expired jobs now; resolves with how many were removed. */
  prune(): Promise<number>;
  /**
   * Prunes now, then every `everyMs` (a day) and whenever the kept days change, until the
   * returned function is called. An app left running for weeks keeps its history in bounds.
   */
  keep(
    settings: {
      onChange(listener: (next: { broadcast: { historyDays: number } }) => void): () => void;
    },
    everyMs?: number,
  ): Promise<() => void>;
}

export function createRetention(deps: {
  store: Pick<JobStore, 'jobs' | 'remove'>;
  historyDays(): number;
  now(): number;
  /** Only the instance that drives the outbox removes anything. */
  mayRemove(): boolean;
  log: Logger;
}): Retention {
  let running: Promise<number> | undefined;
  const prune = async () => {
    if (!deps.mayRemove()) return 0;
    const ids = expiredJobs(deps.store.jobs(), deps.historyDays(), deps.now());
    let removed = 0;
    for (const id of ids) {
      try {
        await deps.store.remove(id);
        removed++;
      } catch (error) {
        deps.log.warn({ job: id, err: error }, 'retention: could not remove a finished job');
      }
    }
    if (removed > 0)
      deps.log.info({ removed, historyDays: deps.historyDays() }, 'retention: removed old jobs');
    return removed;
  };
  // One pass at a time: a setting change during the daily pass waits for it.
  const serial = () => {
    const next = (running ?? Promise.resolve(0)).then(prune, prune);
    running = next;
    return next;
  };
  const quietly = () =>
    void serial().catch((error: unknown) => {
      deps.log.warn({ err: error }, 'retention: pass failed');
    });
  return {
    prune: serial,
    async keep(settings, everyMs = dayMs) {
      await serial().catch(() => 0);
      let kept = deps.historyDays();
      const stopWatching = settings.onChange((next) => {
        if (next.broadcast.historyDays === kept) return;
        kept = next.broadcast.historyDays;
        quietly();
      });
      const timer = setInterval(quietly, everyMs);
      timer.unref?.();
      return () => {
        clearInterval(timer);
        stopWatching();
      };
    },
  };
}
