import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';
import type { ArgsOf, CallName, EventName, ResultOf } from '../../../src-preload/contract/types.ts';
import { createConnectionMonitor } from '../../../src-main/services/connection/connection-monitor.ts';
import { createEventBus } from '../../../src-main/services/core/events.ts';
import type { FeatureContext } from '../../../src-main/services/core/feature.ts';
import { createRouter, type Handlers } from '../../../src-main/services/core/router.ts';
import { createMediaRouter } from '../../../src-main/services/media/media-router.ts';
import {
  createMusiqueFeature,
  type MusiqueFeature,
  type MusiqueFeatureOptions,
} from '../../../src-main/services/musique/musique-feature.ts';
import { createNodeRuntime } from '../../../src-main/services/runtime/node-runtime.ts';
import {
  createSettingsService,
  type SettingsStore,
} from '../../../src-main/services/settings/settings-service.ts';
import { createVault } from '../../../src-main/services/vault/vault.ts';
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
  /** Every call's outcome as it would cross IPC (JSON), for secret scans. */
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
 * The Musique feature over real services (settings and vault files, logger, event bus, media
 * router) in a throw-away folder, called through a real router so arguments are validated as
 * they are over IPC.
 */
export async function createHarness(
  options: MusiqueFeatureOptions & { userDataDir?: string; fetch?: typeof fetch } = {},
): Promise<Harness> {
  const dir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'aislecast-musique-')));
  const logs: string[] = [];
  const runtime = createNodeRuntime({
    userDataDir: dir,
    logLevel: 'debug',
    logSink: (line) => logs.push(line),
  });
  const { config } = runtime;
  const events = createEventBus(config.redactor);
  const seen: Harness['events'] = [];
  const wire: string[] = [];
  events.listen((name, payload) => {
    seen.push({ name, payload });
    wire.push(JSON.stringify(payload));
  });
  const settings = createSettingsService(config.settingsStore);
  const context: FeatureContext = {
    log: config.logger,
    events,
    settings,
    vault: createVault({
      box: config.secretBox,
      store: config.vaultStore,
      redactor: config.redactor,
      log: config.logger,
    }),
    redactor: config.redactor,
    connection: createConnectionMonitor(events.emit),
    media: createMediaRouter(config.logger),
    damagedFiles: createDamagedFiles({ dataDir: dir, log: config.logger }),
    dataDir: dir,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
  // The browser host's AES key file is "weak"; these tests keep secrets on disk like the app.
  await context.vault.setWeakStorageAllowed(true);
  const { fetch: _fetch, userDataDir: _dir, ...featureOptions } = options;
  const feature = createMusiqueFeature(context, { retry: fastRetry, ...featureOptions });
  const router = createRouter(
    feature.handlers as unknown as Handlers,
    config.logger,
    config.redactor,
  );
  await feature.start?.();

  const invoke = async (name: CallName, args: unknown) => {
    const outcome = await (router[name] as (a: unknown, c: { origin: string }) => Promise<unknown>)(
      args,
      { origin: 'test' },
    );
    wire.push(JSON.stringify(outcome));
    return outcome as { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };
  };

  const harness: Harness = {
    feature,
    context,
    settingsStore: config.settingsStore,
    dir,
    logs,
    events: seen,
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
      settings.update({ musique: { baseUrl: sandbox.musique.v1BaseUrl, profile } });
    },
    async connect(sandbox, token = sandbox.credentials.musiqueApiToken) {
      await harness.call('musique.connect', { token });
    },
    async close() {
      await feature.dispose?.();
      await runtime.close();
      if (!options.userDataDir) await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
