/**
 * "The latest attempt wins": work that outlives its turn (a poll, an answer arriving late) asks
 * its attempt whether it is still the current one before it touches shared state. Beginning a
 * new attempt, or superseding them all, makes every earlier one stale for good.
 */
export interface Attempt {
  /** True until a later attempt begins or every attempt is superseded. */
  isCurrent(): boolean;
}

export interface LatestAttempt {
  /** Starts a new attempt; every earlier one is stale from now on. */
  begin(): Attempt;
  /** Makes every attempt begun so far stale, without starting a new one. */
  supersede(): void;
}

export function createLatestAttempt(): LatestAttempt {
  let latest = 0;
  return {
    begin() {
      const mine = ++latest;
      return { isCurrent: () => latest === mine };
    },
    supersede() {
      latest++;
    },
  };
}
