import { alphanumeric, createPrng, hexDigits } from './prng.ts';

export type MusiqueEnvironment = 'prod' | 'dev' | 'live' | 'test';

/** What the demo needs to sign in to both services, derived from the seed alone. */
export interface DemoCredentials {
  /** The app's Queye partner key (approved for both demo users). */
  queyeClientKey: string;
  /** The demo store user's key: not locked, grants the `account` scope. */
  queyeUserKey: string;
  /** A second user whose key is locked: exchanging it asks for approval first. */
  queyeLockedUserKey: string;
  /** Onboarding token of the demo company (for `POST /api/integration/auth`). */
  musiqueCompanyToken: string;
  /** A pre-issued Partner API token with every permission. */
  musiqueApiToken: string;
  /** The External ID that token was issued for (an HQ integration, not a store). */
  musiqueExternalId: string;
  musiqueCompanyPrefix: string;
  musiqueEnvironment: MusiqueEnvironment;
}

const queyeKey = (kind: 'client' | 'user', prng: ReturnType<typeof createPrng>) =>
  `qm_${kind}_${prng.chars(8, alphanumeric)}_${prng.chars(24, alphanumeric)}`;

/**
 * Same seed, same credentials: a demo set up once keeps working across restarts. They come from
 * their own seeded stream, so changing the library size never changes them.
 */
export function deriveCredentials(seed: number, environment: MusiqueEnvironment): DemoCredentials {
  const prng = createPrng(seed).fork('credentials');
  const companyPrefix = 'demo';
  return {
    queyeClientKey: queyeKey('client', prng),
    queyeUserKey: queyeKey('user', prng),
    queyeLockedUserKey: queyeKey('user', prng),
    musiqueCompanyToken: `comp_${prng.chars(20, alphanumeric)}`,
    musiqueApiToken: `${companyPrefix}_${environment}_${prng.chars(32, hexDigits)}`,
    musiqueExternalId: 'hq_demo',
    musiqueCompanyPrefix: companyPrefix,
    musiqueEnvironment: environment,
  };
}
