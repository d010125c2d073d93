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
