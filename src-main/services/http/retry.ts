export interface RetryPolicy {
  /** Total attempts including the first. */
  attempts: number;
  baseDelayMs: number;
  /** Ceiling of the exponential back-off. A server's `Retry-After` is never capped by it. */
  maxDelayMs: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const defaultRetry: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Who waits for a request. An interactive call has a person waiting: it never sits out a long
 * `Retry-After` but fails at once saying when to try again. Background work (a broadcast, a
 * sync) waits exactly as long as the server asks.
 */
export type RequestPriority = 'interactive' | 'background';

/** An interactive call waits out a `Retry-After` up to this long; beyond it, it fails fast. */
export const interactiveWaitMs = 2_000;
/** Everything an interactive call may spend, retries included: a stalled upstream costs this much, not three timeouts. */
export const interactiveBudgetMs = 20_000;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * How long to wait before attempt `attempt + 1`: exactly what the server asked for when it
 * said (`Retry-After` is honoured as given: waking early only earns another refusal), else
 * exponential back-off from `baseDelayMs`, doubling, with jitter over the upper half.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(0, retryAfterMs);
  const ceiling = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  const random = policy.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
