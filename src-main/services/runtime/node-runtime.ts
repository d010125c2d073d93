import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import pkg from '../../../package.json' with { type: 'json' };
import type { SandboxOptions } from '../../sandbox/index.ts';
import type { ServicesConfig } from '../create-services.ts';
import { createLogger, type LoggerOptions } from '../log/logger.ts';
import { createRedactor } from '../log/redactor.ts';
import { createDamagedFiles } from '../files/damaged-files.ts';
import { openSettingsAndVault } from '../settings/open-stores.ts';
import { createKeyedSecretBox, type SecretBox } from '../vault/secret-box.ts';

export interface NodeRuntimeOptions {
  /** Plays the part of Electron's userData folder. */
  userDataDir: string;
  logToConsole?: boolean;
  logLevel?: LoggerOptions['level'];
  /** Extra sink for scrubbed log lines. */
  logSink?: (line: string) => void;
  secretBox?: SecretBox;
  /** Passed to the services as `demoSandbox`. */
  demoSandbox?: SandboxOptions;
}

function keyFile(dir: string): Buffer {
  const file = join(dir, 'vault.key');
  try {
    const key = readFileSync(file);
    if (key.length === 32) return key;
  } catch {
    // First start: create the key below.
  }
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/**
 * Services configuration for plain Node (browser host, tests, benchmarks): the same settings
 * and vault files as the app, through `conf` instead of electron-store, and an AES key file
 * instead of the OS keychain (reported as weak protection, which it is).
 */
export function createNodeRuntime(options: NodeRuntimeOptions): {
  config: ServicesConfig;
  close(): Promise<void>;
} {
  mkdirSync(options.userDataDir, { recursive: true });
  const redactor = createRedactor();
  const managed = createLogger({
    redactor,
    level: options.logLevel ?? 'info',
    file: join(options.userDataDir, 'logs', 'aislecast.log'),
    console: options.logToConsole ?? false,
    sink: options.logSink,
  });
  // Shared with the services, so a damaged settings or vault file found here is a notice the
  // renderer shows.
  const damagedFiles = createDamagedFiles({
    dataDir: options.userDataDir,
    log: managed.logger.child({ service: 'files' }),
  });
  const stores = openSettingsAndVault({
    dir: options.userDataDir,
    version: pkg.version,
    damagedFiles,
    log: managed.logger.child({ service: 'settings' }),
    create: (conf) => new Conf(conf),
  });
  const config: ServicesConfig = {
    appInfo: {
      name: pkg.productName,
      version: pkg.version,
      runtime: 'browser-host',
      platform: process.platform,
      versions: { node: process.versions.node },
    },
    settingsStore: stores.settings,
    vaultStore: stores.vault,
    secretBox: options.secretBox ?? createKeyedSecretBox(keyFile(options.userDataDir)),
    dataDir: options.userDataDir,
    logger: managed.logger,
    redactor,
    demoSandbox: options.demoSandbox,
    damagedFiles,
  };
  return { config, close: () => managed.close() };
}
