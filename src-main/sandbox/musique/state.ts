import type { DemoCredentials } from '../data/credentials.ts';
import { createPrng, alphanumeric, type Prng } from '../data/prng.ts';
import type { Store } from '../data/stores.ts';
import type { ResolvedOptions } from '../options.ts';
import { createAudioStore, type AudioStore } from './audio-store.ts';
import { healthyState, type HealthState } from './health.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { createSendBook, type SendBook } from './sends.ts';
import { createTokenRegistry, type TokenRegistry } from './tokens.ts';
import { createUsageLog, type UsageLog } from './usage-log.ts';

export interface MusiqueState {
  tokens: TokenRegistry;
  limiter: RateLimiter;
  usage: UsageLog;
  audio: AudioStore;
  sends: SendBook;
  health: HealthState;
  envelope: boolean;
  stores: ReadonlyMap<string, Store>;
  /** Seeded IDs for uploads and sends: the same calls give the same IDs run after run. */
  nextId(prefix: 'aud' | 'snd'): string;
}

/** The whole Musique side in its starting state. */
export function createMusiqueState(options: {
  resolved: ResolvedOptions;
  credentials: DemoCredentials;
  stores: readonly Store[];
}): MusiqueState {
  const { resolved, credentials } = options;
  const tokens = createTokenRegistry(
    {
      prefix: credentials.musiqueCompanyPrefix,
      environment: credentials.musiqueEnvironment,
      companyToken: credentials.musiqueCompanyToken,
    },
    options.stores,
  );
  tokens.issue(credentials.musiqueExternalId, undefined, credentials.musiqueApiToken);
  const ids: Prng = createPrng(resolved.seed).fork('musique-ids');
  return {
    tokens,
    limiter: createRateLimiter(resolved.rateLimits),
    usage: createUsageLog(),
    audio: createAudioStore(resolved.seed),
    sends: createSendBook(),
    health: healthyState(),
    envelope: resolved.envelope,
    stores: new Map(options.stores.map((store) => [store.externalId, store])),
    nextId: (prefix) => `${prefix}_${ids.chars(12, alphanumeric)}`,
  };
}
