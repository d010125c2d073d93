import { sleep } from '../../http/retry.ts';

/**
 * Time as the governor and the outbox see it. Injected so tests run on the sandbox's clock:
 * their `sleep` moves that clock forward instead of waiting, so an hour's window passes at once.
 */
export interface GovernorClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemGovernorClock: GovernorClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, signal),
};

/** A clock that can read another source's time (the demo sandbox's) instead of this PC's. */
export interface FollowingClock extends GovernorClock {
  /** Reads time from `source` until called again with `undefined`. */
  follow(source: (() => number) | undefined): void;
}

/**
 * The clock Musique's client, the governor and the outbox share. In the demo it follows the
 * sandbox's clock, which the user can move ahead of this PC's: "has 09:00 passed", the rate
 * windows' resets and the forecast then all agree with the Musique that answers. A wait
 * sleeps in slices of at most a second and ends as soon as the followed clock reaches its
 * end, so moving the sandbox's clock forward also ends waits early.
 */
export function createFollowingClock(base: GovernorClock = systemGovernorClock): FollowingClock {
  let source: (() => number) | undefined;
  const now = () => (source ? source() : base.now());
  return {
    now,
    async sleep(ms, signal) {
      if (!source) return base.sleep(ms, signal);
      const until = now() + ms;
      for (let left = ms; left > 0; left = until - now())
        await base.sleep(Math.min(left, 1000), signal);
    },
    follow(next) {
      source = next;
    },
  };
}
