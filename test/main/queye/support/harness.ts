import type { Outcome } from '../../../../src-preload/contract/define.ts';
import type {
  ArgsOf,
  CallName,
  EventName,
  ResultOf,
} from '../../../../src-preload/contract/types.ts';
import type { FeatureContext } from '../../../../src-main/services/core/feature.ts';
import type {
  LibraryFeature,
  LibraryFeatureOptions,
} from '../../../../src-main/services/library/library-feature.ts';
import type { QueyeFeature } from '../../../../src-main/services/queye/queye-feature.ts';
import type {
  StreamFeature,
  StreamFeatureOptions,
} from '../../../../src-main/services/stream/stream-feature.ts';
import type { SecretBox } from '../../../../src-main/services/vault/secret-box.ts';
import { createTestServices } from '../../../support/services.ts';
import { manualClock, type ManualClock } from './manual-clock.ts';

export interface HarnessOptions {
  /** Reuse a profile folder (a "restart"); a fresh one by default, removed on close. */
  dir?: string;
  secretBox?: SecretBox;
  clock?: ManualClock;
  /** Wraps the fetch the features use (to watch or break traffic). */
  fetch?: typeof fetch;
  /** `false`: the track library stays closed (no sync on sign-in), for the session alone. */
  library?: LibraryFeatureOptions | false;
  stream?: StreamFeatureOptions;
}

export interface Harness {
  dir: string;
  clock: ManualClock;
  context: FeatureContext;
  queye: QueyeFeature;
  library?: LibraryFeature;
  stream: StreamFeature;
  logs: string[];
  events: Array<{ name: EventName; payload: unknown }>;
  /** A call through the real router: arguments validated by the contract, errors as outcomes. */
  call<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<Outcome<ResultOf<K>>>;
  /** Like `call`, but returns the value or throws the error shape. */
  value<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<ResultOf<K>>;
  close(options?: { keepDir?: boolean }): Promise<void>;
}

/** Short retries so fault tests do not wait for real back-off. */
export const quickRetry = { attempts: 3, baseDelayMs: 2, maxDelayMs: 10 };

/**
 * The app's services as `createServices` builds them, over a real vault, settings file and
 * event bus in a throw-away profile, with the Queye, track library and stream features on a
 * hand-driven clock.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? manualClock();
  const test = await createTestServices({
    userDataDir: options.dir,
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    fetch: options.fetch,
    featureOptions: {
      queye: { clock, retry: quickRetry, random: () => 0.5 },
      library:
        options.library === false
          ? { clock, autoSyncMs: 0, followSignIn: false }
          : { clock, autoSyncMs: 0, ...options.library },
      stream: { now: clock.now, ...options.stream },
    },
  });
  const { services } = test;
  await services.ready;

  const call = async <K extends CallName>(
    name: K,
    args?: ArgsOf<K>,
  ): Promise<Outcome<ResultOf<K>>> => {
    const route = services.router[name] as (
      a: unknown,
      c: { origin: string },
    ) => Promise<Outcome<ResultOf<K>>>;
    return route(args, { origin: 'test' });
  };

  return {
    dir: test.dir,
    clock,
    context: services.context,
    queye: services.features.queye,
    library: options.library === false ? undefined : services.features.library,
    stream: services.features.stream,
    logs: test.logs,
    events: test.events,
    call,
    async value(name, args) {
      const outcome = await call(name, args);
      if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
      return outcome.value;
    },
    close: (closeOptions = {}) => test.cleanup(closeOptions),
  };
}
