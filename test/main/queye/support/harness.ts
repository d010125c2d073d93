import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDamagedFiles } from '../../../../src-main/services/files/damaged-files.ts';
import { calls } from '../../../../src-preload/contract/contract.ts';
import type { Outcome } from '../../../../src-preload/contract/define.ts';
import type {
  ArgsOf,
  CallName,
  EventName,
  ResultOf,
} from '../../../../src-preload/contract/types.ts';
import { createConnectionMonitor } from '../../../../src-main/services/connection/connection-monitor.ts';
import { isAppError } from '../../../../src-main/services/core/errors.ts';
import { createEventBus } from '../../../../src-main/services/core/events.ts';
import type { FeatureContext } from '../../../../src-main/services/core/feature.ts';
import {
  createLibraryFeature,
  type LibraryFeature,
  type LibraryFeatureOptions,
} from '../../../../src-main/services/library/library-feature.ts';
import { createMediaRouter } from '../../../../src-main/services/media/media-router.ts';
import {
  createQueyeFeature,
  type QueyeFeature,
} from '../../../../src-main/services/queye/queye-feature.ts';
import { createNodeRuntime } from '../../../../src-main/services/runtime/node-runtime.ts';
import { createSettingsService } from '../../../../src-main/services/settings/settings-service.ts';
import type { SecretBox } from '../../../../src-main/services/vault/secret-box.ts';
import { createVault } from '../../../../src-main/services/vault/vault.ts';
import { vaultHandlers } from '../../../../src-main/services/vault/vault-handlers.ts';
import { manualClock, type ManualClock } from './manual-clock.ts';

export interface HarnessOptions {
  /** Reuse a profile folder (a "restart"); a fresh one by default, removed on close. */
  dir?: string;
  secretBox?: SecretBox;
  clock?: ManualClock;
  /** Wraps the fetch the features use (to watch or break traffic). */
  fetch?: typeof fetch;
  library?: LibraryFeatureOptions | false;
}

export interface Harness {
  dir: string;
  clock: ManualClock;
  context: FeatureContext;
  queye: QueyeFeature;
  library?: LibraryFeature;
  logs: string[];
  events: Array<{ name: EventName; payload: unknown }>;
  /** A call as the router makes it: arguments validated by the contract, errors as outcomes. */
  call<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<Outcome<ResultOf<K>>>;
  /** Like `call`, but returns the value or throws the error shape. */
  value<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<ResultOf<K>>;
  close(options?: { keepDir?: boolean }): Promise<void>;
}

/** Short retries so fault tests do not wait for real back-off. */
export const quickRetry = { attempts: 3, baseDelayMs: 2, maxDelayMs: 10 };

/**
 * The Queye and library features over a real vault, settings file and event bus in a
 * throw-away profile, with a hand-driven clock: what `createServices` builds for them, minus
 * the other features.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'aislecast-queye-')));
  const logs: string[] = [];
  const runtime = createNodeRuntime({
    userDataDir: dir,
    logLevel: 'debug',
    logSink: (line) => logs.push(line),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
  });
  const { config } = runtime;
  const events = createEventBus(config.redactor);
  const recorded: Harness['events'] = [];
  events.listen((name, payload) => recorded.push({ name, payload }));
  const context: FeatureContext = {
    log: config.logger,
    events,
    settings: createSettingsService(config.settingsStore),
    vault: createVault({
      box: config.secretBox,
      store: config.vaultStore,
      redactor: config.redactor,
      log: config.logger.child({ service: 'vault' }),
    }),
    redactor: config.redactor,
    connection: createConnectionMonitor(events.emit),
    media: createMediaRouter(config.logger),
    damagedFiles: createDamagedFiles({ dataDir: dir, log: config.logger }),
    dataDir: dir,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
  const clock = options.clock ?? manualClock();
  const queye = createQueyeFeature(context, { clock, retry: quickRetry, random: () => 0.5 });
  const library =
    options.library === false
      ? undefined
      : createLibraryFeature(context, queye.connection, {
          clock,
          autoSyncMs: 0,
          ...options.library,
        });
  const handlers = {
    ...vaultHandlers(context),
    ...queye.handlers,
    ...library?.handlers,
  } as Record<string, (args: unknown, ctx: { origin: string }) => unknown>;

  await queye.start?.();
  await library?.start?.();

  const call = async <K extends CallName>(
    name: K,
    args?: ArgsOf<K>,
  ): Promise<Outcome<ResultOf<K>>> => {
    const parsed = calls[name].args.safeParse(args);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_arguments',
          message: 'malformed',
          details: { issues: parsed.error.issues.map((issue) => issue.message) },
        },
      };
    }
    const handler = handlers[name];
    if (!handler) throw new Error(`no handler for ${name} in the harness`);
    try {
      return { ok: true, value: (await handler(parsed.data, { origin: 'test' })) as ResultOf<K> };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.shape };
      throw error;
    }
  };

  return {
    dir,
    clock,
    context,
    queye,
    library,
    logs,
    events: recorded,
    call,
    async value(name, args) {
      const outcome = await call(name, args);
      if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
      return outcome.value;
    },
    async close(closeOptions = {}) {
      await library?.dispose?.();
      await queye.dispose?.();
      await runtime.close();
      if (!options.dir && !closeOptions.keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
