import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../src-main/services/create-services.ts';
import {
  createNodeRuntime,
  type NodeRuntimeOptions,
} from '../../src-main/services/runtime/node-runtime.ts';

export interface TestServices {
  services: Services;
  dir: string;
  logs: string[];
  cleanup(): Promise<void>;
}

/** Real services over a throw-away user-data folder, with every log line captured. */
export async function createTestServices(
  options: Partial<NodeRuntimeOptions> = {},
): Promise<TestServices> {
  const dir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'aislecast-test-')));
  const logs: string[] = [];
  const runtime = createNodeRuntime({
    userDataDir: dir,
    logLevel: 'debug',
    ...options,
    logSink: (line) => {
      logs.push(line);
      options.logSink?.(line);
    },
  });
  const services = createServices(runtime.config);
  return {
    services,
    dir,
    logs,
    async cleanup() {
      await services.dispose();
      await runtime.close();
      if (!options.userDataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
