import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';
import type { ArgsOf, CallName, EventName, ResultOf } from '../../../src-preload/contract/types.ts';
import type { FeatureContext } from '../../../src-main/services/core/feature.ts';
import type {
  MusiqueFeature,
  MusiqueFeatureOptions,
} from '../../../src-main/services/musique/musique-feature.ts';
import type { SettingsStore } from '../../../src-main/services/settings/settings-service.ts';
import { createTestServices, type TestServices } from '../../support/services.ts';
import type { SandboxHandle } from '../../support/sandbox.ts';

export const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

/** A failed call, as the renderer would receive it. */
export class CallFailed extends Error {
  readonly shape: ApiErrorShape;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.shape = shape;
  }
}

export interface Harness {
  feature: MusiqueFeature;
  context: FeatureContext;
  /** The settings file underneath the service (changes here notify nobody, like a reset file). */
  settingsStore: SettingsStore;
  dir: string;
  logs: string[];
  events: Array<{ name: EventName; payload: unknown }>;
  /** Every call's outcome and pushed event as it would cross IPC (JSON), for secret scans. */
  wire: string[];
  call<K extends CallName>(
    name: K,
    ...args: undefined extends ArgsOf<K> ? [ArgsOf<K>?] : [ArgsOf<K>]
  ): Promise<ResultOf<K>>;
  fail<K extends CallName>(
    name: K,
    ...args: undefined extends ArgsOf<K> ? [ArgsOf<K>?] : [ArgsOf<K>]
  ): Promise<ApiErrorShape>;
  /** Points the saved settings at the sandbox under a profile. */
  useSandbox(sandbox: SandboxHandle, profile?: MusiqueProfile): void;
  /** Pastes and saves the sandbox's demo token. */
  connect(sandbox: SandboxHandle, token?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app's services as `createServices` builds them (settings and vault files, logger, event
 * bus, media router, every feature) in a throw-away folder, with the Musique feature's retries
 * shortened, called through the real router so arguments are validated as they are over IPC.
 */
export async function createHarness(
  options: MusiqueFeatureOptions & { userDataDir?: string; fetch?: typeof fetch } = {},
): Promise<Harness> {
  const { fetch, userDataDir, ...featureOptions } = options;
  const test: TestServices = await createTestServices({
    userDataDir,
    fetch,
    featureOptions: { musique: { retry: fastRetry, ...featureOptions } },
  });
  const { services } = test;
  const wire: string[] = [];
  services.events.listen((_name, payload) => wire.push(JSON.stringify(payload)));
  // The browser host's AES key file is "weak"; these tests keep secrets on disk like the app.
  await services.vault.setWeakStorageAllowed(true);
  await services.ready;

  const invoke = async (name: CallName, args: unknown) => {
    const route = services.router[name] as (a: unknown, c: { origin: string }) => Promise<unknown>;
    const outcome = await route(args, { origin: 'test' });
    wire.push(JSON.stringify(outcome));
    return outcome as { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };
  };

  const harness: Harness = {
    feature: services.features.musique,
    context: services.context,
    settingsStore: test.settingsStore,
    dir: test.dir,
    logs: test.logs,
    events: test.events,
    wire,
    async call(name, ...args) {
      const outcome = await invoke(name, args[0]);
      if (!outcome.ok) throw new CallFailed(outcome.error);
      return outcome.value as never;
    },
    async fail(name, ...args) {
      const outcome = await invoke(name, args[0]);
      if (outcome.ok) throw new Error(`${name} was expected to fail`);
      return outcome.error;
    },
    useSandbox(sandbox, profile = 'v1') {
      services.settings.update({ musique: { baseUrl: sandbox.musique.v1BaseUrl, profile } });
    },
    async connect(sandbox, token = sandbox.credentials.musiqueApiToken) {
      await harness.call('musique.connect', { token });
    },
    close: () => test.cleanup(),
  };
  return harness;
}
