/**
 * Per-track stream tokens, held in main only. A token is reused until shortly before it
 * expires (Queye's live 300 s), concurrent asks for the same track share one request (a seek,
 * a preloaded next track and a retry can all ask at once), and a token the upstream refused
 * is dropped so the next ask fetches a fresh one.
 */

/** A playable upstream URL (the token is inside it) and when it stops working. */
export interface StreamGrant {
  url: string;
  /** Clock time (ms) at which the upstream stops accepting the token. */
  expiresAt: number;
}

/** What issuing a token yields before the cache stamps it with its expiry. */
export interface IssuedStream {
  url: string;
  /** Seconds the token lives, as the upstream said. */
  expiresIn: number;
}

export interface StreamTokenCacheOptions {
  issue(trackId: number): Promise<IssuedStream>;
  /** Injected so tests jump past a token's lifetime instead of waiting for it. */
  now(): number;
  /** Renew this long before expiry (capped at a fifth of a token's lifetime). */
  renewBeforeMs?: number;
  /** Tracks whose tokens are remembered; the least recently used goes first. */
  capacity?: number;
}

export interface StreamTokenCache {
  get(trackId: number): Promise<StreamGrant>;
  /** Forgets `grant` if it is still the cached one (an older refusal must not drop a newer token). */
  invalidate(trackId: number, grant: StreamGrant): void;
  /** Forgets everything, including answers still in flight (an account switch). */
  clear(): void;
}

interface Entry {
  grant: StreamGrant;
  renewAt: number;
}

export function createStreamTokenCache(options: StreamTokenCacheOptions): StreamTokenCache {
  const renewBeforeMs = options.renewBeforeMs ?? 30_000;
  const capacity = options.capacity ?? 64;
  const entries = new Map<number, Entry>();
  const pending = new Map<number, Promise<StreamGrant>>();
  let generation = 0;

  const remember = (trackId: number, entry: Entry) => {
    entries.delete(trackId);
    entries.set(trackId, entry);
    while (entries.size > capacity) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  const fetchGrant = (trackId: number): Promise<StreamGrant> => {
    const asked = generation;
    const issuedAt = options.now();
    const request = options
      .issue(trackId)
      .then((issued) => {
        const lifetime = Math.max(0, issued.expiresIn * 1000);
        const grant: StreamGrant = { url: issued.url, expiresAt: issuedAt + lifetime };
        if (asked === generation) {
          remember(trackId, {
            grant,
            renewAt: grant.expiresAt - Math.min(renewBeforeMs, lifetime / 5),
          });
        }
        return grant;
      })
      .finally(() => {
        if (pending.get(trackId) === request) pending.delete(trackId);
      });
    pending.set(trackId, request);
    return request;
  };

  return {
    get(trackId) {
      const entry = entries.get(trackId);
      if (entry && options.now() < entry.renewAt) {
        remember(trackId, entry);
        return Promise.resolve(entry.grant);
      }
      return pending.get(trackId) ?? fetchGrant(trackId);
    },
    invalidate(trackId, grant) {
      if (entries.get(trackId)?.grant === grant) entries.delete(trackId);
    },
    clear() {
      generation++;
      entries.clear();
      pending.clear();
    },
  };
}
