import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import type { Feature, FeatureContext } from '../core/feature.ts';
import { createHttpClient } from '../http/http-client.ts';
import type { RetryPolicy } from '../http/retry.ts';
import { createAccountSecurity } from './account-security.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import { createCredentialCheck } from './credential-check.ts';
import { queyeAuthApi } from './queye-api.ts';
import { createQueyeAccount } from './queye-account.ts';
import type { QueyeConnection } from './queye-connection.ts';
import { describeQueye } from './queye-errors.ts';
import { queyeHandlers, type QueyeCallName } from './queye-handlers.ts';
import type { QueyeCredentials } from './sign-in-keys.ts';

// The session port other features receive, typed from this entry (the folder's only way in).
export type { QueyeAccountRef, QueyeConnection } from './queye-connection.ts';
export type { Query, QueyeRequest } from './queye-api.ts';

export interface QueyeFeatureOptions {
  /** Time for token expiry and approval back-off (tests drive it by hand). */
  clock?: Clock;
  /** Retries of idempotent calls (library pages); tests shorten the delays. */
  retry?: RetryPolicy;
  random?: () => number;
}

export type QueyeFeature = Feature<QueyeCallName> & {
  /** The signed-in session for other features: library sync, and playback's stream tokens. */
  connection: QueyeConnection;
  /**
   * Demo mode: connects with these credentials and base URL held in memory only (never written
   * to the vault or the settings) and reports the connection with `demo: true`.
   */
  useTemporaryCredentials(credentials: QueyeCredentials): Promise<QueyeStatus>;
  /** Leaves the temporary credentials and returns to whatever account is saved. */
  clearTemporaryCredentials(): Promise<QueyeStatus>;
};

export function createQueyeFeature(
  context: FeatureContext,
  options: QueyeFeatureOptions = {},
): QueyeFeature {
  const clock = options.clock ?? systemClock;
  const http = createHttpClient({
    service: 'queye',
    fetch: context.fetch,
    log: context.log.child({ service: 'queye-http' }),
    describe: describeQueye,
    retry: options.retry,
    // Queye answers bare JSON; an object that happens to hold `data` and `timestamp` is data.
    unwrapEnvelope: false,
  });
  const auth = queyeAuthApi(http);
  const account = createQueyeAccount({ context, http, auth, clock, random: options.random });
  const check = createCredentialCheck({ auth, redactor: context.redactor });
  const security = createAccountSecurity({
    connection: account.connection,
    clientKey: () => account.clientKey(),
    storeRotatedKey: (key) => account.storeRotatedKey(key),
  });

  let probing: Promise<unknown> = Promise.resolve();

  return {
    connection: account.connection,
    handlers: queyeHandlers({ account, check, security, settings: context.settings }),
    useTemporaryCredentials: (credentials) => account.useTemporaryCredentials(credentials),
    clearTemporaryCredentials: () => account.clearTemporaryCredentials(),
    async start() {
      await account.start();
      context.connection.setProbe('queye', () => account.probe());
      // Learn early whether the saved sign-in still works (and whether we are online).
      probing = account.probe();
    },
    async dispose() {
      await account.dispose();
      await probing.catch(() => undefined);
    },
  };
}
