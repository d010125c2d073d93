/**
 * "A pushed event beats an older answer." Main pushes a state change (an event) and also answers
 * requests for that state; an answer to a request sent before a push arrived describes an older
 * state than the push, so it must not overwrite it. One guard per piece of state: call `pushed()`
 * in the event listener, and `begin()` before sending a request; the check `begin()` returns says
 * whether the answer is still the newest thing known.
 */
export interface StaleAnswerGuard {
  /** Records that a pushed event arrived: answers to requests sent before now are stale. */
  pushed(): void;
  /** Marks a request as sent; the returned check is true while no push has arrived since. */
  begin(): () => boolean;
}

export function createStaleAnswerGuard(): StaleAnswerGuard {
  let pushes = 0;
  return {
    pushed() {
      pushes++;
    },
    begin() {
      const before = pushes;
      return () => before === pushes;
    },
  };
}
