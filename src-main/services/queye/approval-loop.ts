import type { Clock } from '../core/clock.ts';

export interface ApprovalLoopOptions {
  clock: Clock;
  /** One exchange attempt: true when finished (approved, or failed for good), false if pending. */
  attempt(): Promise<boolean>;
  /** Between attempts: how many ran, and when the next one will. */
  onWaiting(attempts: number, nextAttemptAt: number): void;
  /** Attempts already made (the exchange that asked for approval). */
  initialAttempts?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export interface ApprovalLoop {
  /** Runs an attempt now ("Check now"), resetting the wait. */
  checkNow(): Promise<void>;
  cancel(): void;
  readonly attempts: number;
}

/**
 * Retries the exchange while Queye answers `approval_required`: 3 s, then doubling up to a
 * minute, with ±20 % jitter so many installs approved at once do not knock in step.
 */
export function startApprovalLoop(options: ApprovalLoopOptions): ApprovalLoop {
  const { clock } = options;
  const first = options.firstDelayMs ?? 3000;
  const max = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  let attempts = options.initialAttempts ?? 0;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = () => {
    const base = Math.min(max, first * 2 ** Math.max(0, attempts - 1));
    const ms = Math.round(base * (0.8 + random() * 0.4));
    options.onWaiting(attempts, clock.now() + ms);
    timer = clock.setTimeout(() => void run(), ms);
  };

  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    attempts++;
    running = (async () => {
      let finished: boolean;
      try {
        finished = await options.attempt();
      } finally {
        running = undefined;
      }
      if (finished) stopped = true;
      else if (!stopped) schedule();
    })();
    return running;
  };

  schedule();
  return {
    checkNow: run,
    cancel() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    get attempts() {
      return attempts;
    },
  };
}
