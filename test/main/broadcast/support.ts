import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';
import { createHttpClient, type HttpClient } from '../../../src-main/services/http/http-client.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { createMusiqueApi, type MusiqueApi } from '../../../src-main/services/musique/client.ts';
import { describeMusique } from '../../../src-main/services/musique/describe-errors.ts';
import type { GovernorClock } from '../../../src-main/services/musique/governor/clock.ts';
import {
  createGovernor,
  type Governor,
} from '../../../src-main/services/musique/governor/governor.ts';
import {
  createQuotaTracker,
  type QuotaOptions,
} from '../../../src-main/services/musique/governor/quota.ts';
import { musiqueRoutes } from '../../../src-main/services/musique/routes.ts';
import type { SandboxHandle } from '../../support/sandbox.ts';

/** The sandbox's clock: waiting moves it forward at once, so an hour passes in no time. */
export function sandboxClock(sandbox: SandboxHandle): GovernorClock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => sandbox.control.now(),
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      slept.push(ms);
      sandbox.control.advance(Math.max(0, Math.ceil(ms)));
      return Promise.resolve();
    },
  };
}

export interface Stack {
  api: MusiqueApi;
  http: HttpClient;
  governor: Governor;
  clock: GovernorClock & { slept: number[] };
}

/** The Musique client behind the governor, on the sandbox's clock, as the app builds it. */
export function musiqueStack(
  sandbox: SandboxHandle,
  options: {
    profile?: MusiqueProfile;
    token?: string;
    quota?: Pick<QuotaOptions, 'limits' | 'windowMs'>;
    fetch?: typeof fetch;
  } = {},
): Stack {
  const clock = sandboxClock(sandbox);
  const quota = createQuotaTracker({ now: () => clock.now(), ...options.quota });
  const governor = createGovernor({ quota, clock, random: () => 0.5 });
  const http = createHttpClient({
    service: 'musique',
    log: silentLogger(),
    describe: describeMusique,
    gate: governor,
    now: () => clock.now(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: {
      attempts: 3,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      sleep: clock.sleep,
      random: () => 0.5,
    },
  });
  const profile = options.profile ?? 'v1';
  const routes = musiqueRoutes(profile, sandbox.musique.v1BaseUrl);
  const api = createMusiqueApi(http, routes, options.token ?? sandbox.credentials.musiqueApiToken);
  return { api, http, governor, clock };
}

/** Every Musique request the sandbox saw answered 429. */
export function tooMany(sandbox: SandboxHandle): number {
  return sandbox.control.requests({ service: 'musique' }).filter((r) => r.status === 429).length;
}
