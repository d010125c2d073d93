import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServices,
  type ServicesConfig,
  type Services,
} from '../../src-main/services/create-services.ts';
import {
  createNodeRuntime,
  type NodeRuntimeOptions,
} from '../../src-main/services/runtime/node-runtime.ts';
import type { EventName } from '../../src-preload/contract/types.ts';

export interface TestServicesOptions
  extends Partial<NodeRuntimeOptions>, Pick<ServicesConfig, 'fetch' | 'featureOptions'> {}

export interface TestServices {
  services: Services;
  dir: string;
  logs: string[];
  /** The settings file underneath the settings service (writes here notify nobody). */
  settingsStore: ServicesConfig['settingsStore'];
  /** Every pushed event, in order. */
  events: Array<{ name: EventName; payload: unknown }>;
  cleanup(options?: { keepDir?: boolean }): Promise<void>;
}

/**
 * Real services, built by `createServices` as the app builds them, over a throw-away user-data
 * folder (or `userDataDir`, for a "restart"), with every log line and pushed event captured.
 * Feature harnesses (`test/main/musique/harness.ts`, `test/main/queye/support/harness.ts`)
 * add their call helpers on top of this one.
 */
export async function createTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const { fetch, featureOptions, ...runtimeOptions } = options;
  const dir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'aislecast-test-')));
  const logs: string[] = [];
  const runtime = createNodeRuntime({
    logLevel: 'debug',
    ...runtimeOptions,
    userDataDir: dir,
    logSink: (line) => {
      logs.push(line);
      options.logSink?.(line);
    },
  });
  const services = createServices({
    ...runtime.config,
    ...(fetch ? { fetch } : {}),
    featureOptions,
  });
  const events: TestServices['events'] = [];
  services.events.listen((name, payload) => events.push({ name, payload }));
  return {
    services,
    dir,
    logs,
    settingsStore: runtime.config.settingsStore,
    events,
    async cleanup(cleanupOptions = {}) {
      await services.dispose();
      await runtime.close();
      if (!options.userDataDir && !cleanupOptions.keepDir) {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
