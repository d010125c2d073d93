/**
 * Builds the parts of the Musique feature once: account, announcement library, status, quota,
 * governor, uploads, and the session gate every call with the token goes through.
 */
import { join } from 'node:path';
import type { FeatureContext } from '../core/feature.ts';
import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import { defaultRetry, type RetryPolicy } from '../http/retry.ts';
import type { Logger } from '../log/logger.ts';
import { createAccountStore, type AccountStore } from './account.ts';
import { describeMusique } from './describe-errors.ts';
import { createAnnouncementLibrary, type AnnouncementLibrary } from './announcement-library.ts';
import { createAnnouncementLibraryCache } from './announcement-library-cache.ts';
import { createFollowingClock, type GovernorClock } from './governor/clock.ts';
import { createGovernor, type Governor } from './governor/governor.ts';
import { createQuotaTracker, type QuotaOptions, type QuotaTracker } from './governor/quota.ts';
import { createServiceStatus, type ServiceStatus } from './service-status.ts';
import { createSessionGate, type SessionGate } from './session-gate.ts';
import { createStaging, type Staging } from './upload/staging.ts';
import { createUploader, type Uploader } from './upload/uploader.ts';

export interface MusiqueFeatureOptions {
  /** Retry policy of idempotent calls (tests shorten the back-off). */
  retry?: RetryPolicy;
  /** How an upload waits out a `429` (tests skip the wait). */
  uploadWait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** An upload with no progress for this long is given up. */
  uploadStallMs?: number;
  /** The governor's clock (tests: the sandbox's, whose `sleep` advances it). */
  clock?: GovernorClock;
  /** Limits and window lengths to assume until Musique states them (a scaled-down sandbox). */
  rateWindows?: Pick<QuotaOptions, 'limits' | 'windowMs'>;
}

/**
 * The Musique feature's services, built once. Only the feature (its composition root) holds all
 * of them; each handler file and port is handed just the ones it uses.
 */
export interface MusiqueServices {
  /** Aborted when the feature is disposed. */
  lifetime: AbortController;
  http: HttpClient;
  account: AccountStore;
  library: AnnouncementLibrary;
  status: ServiceStatus;
  quota: QuotaTracker;
  /** Admits every Musique request against the rate windows; forecasts big sends. */
  governor: Governor;
  staging: Staging;
  uploader: Uploader;
  /** A session must exist and hold the permission; outcomes feed the connection state. */
  gate: SessionGate;
}

export function createMusiqueServices(
  context: FeatureContext,
  log: Logger,
  options: MusiqueFeatureOptions = {},
): MusiqueServices {
  const dir = join(context.dataDir, 'musique');
  const clock = options.clock ?? createFollowingClock();
  const quota = createQuotaTracker({ now: () => clock.now(), ...options.rateWindows });
  quota.onChange((snapshot) => context.events.emit('musique.quotaChanged', snapshot));
  const governor = createGovernor({ quota, clock });
  const retry = options.retry ?? defaultRetry;
  const http = createHttpClient({
    service: 'musique',
    fetch: context.fetch,
    log,
    describe: describeMusique,
    // Every Musique request goes through the governor; its clock times the waits too.
    gate: governor,
    now: () => clock.now(),
    retry: { ...retry, sleep: retry.sleep ?? ((ms, signal) => clock.sleep(ms, signal)) },
  });
  const lifetime = new AbortController();
  const account = createAccountStore({
    vault: context.vault,
    settings: context.settings,
    http,
    redactor: context.redactor,
    lifetime: lifetime.signal,
  });
  const cache = createAnnouncementLibraryCache(dir, context.damagedFiles);
  const library = createAnnouncementLibrary({
    cache,
    log,
    emit: (snapshot) => context.events.emit('musique.libraryChanged', snapshot),
  });
  const status = createServiceStatus({
    connection: context.connection,
    onLimits: (limits) => quota.applyLimits(limits),
  });
  const staging = createStaging(join(dir, 'staging'));
  const uploader = createUploader({
    log,
    emit: (progress) => context.events.emit('musique.uploadProgress', progress),
    ...(options.uploadWait ? { wait: options.uploadWait } : {}),
    ...(options.uploadStallMs ? { stallMs: options.uploadStallMs } : {}),
  });

  const gate = createSessionGate({ account, status, log });
  return { lifetime, http, account, library, status, quota, governor, staging, uploader, gate };
}
