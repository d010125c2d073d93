import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import pkg from '../../../package.json' with { type: 'json' };
import type { SandboxOptions } from '../../sandbox/index.ts';
import type { ServicesConfig } from '../create-services.ts';
import { createLogger, type LoggerOptions } from '../log/logger.ts';
import { createRedactor } from '../log/redactor.ts';
import type { StoredSettings } from '../settings/schema.ts';
import { settingsStoreOptions } from '../settings/store-options.ts';
import { createKeyedSecretBox, type SecretBox } from '../vault/secret-box.ts';
import type { VaultFile } from '../vault/vault.ts';
import { cipherStoreFrom, vaultStoreOptions } from '../vault/vault-store-options.ts';

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
  const settingsStore = new Conf<StoredSettings>({
    ...settingsStoreOptions(pkg.version),
    cwd: options.userDataDir,
  });
  const vaultConf = new Conf<VaultFile>({ ...vaultStoreOptions(), cwd: options.userDataDir });
  const config: ServicesConfig = {
    appInfo: {
      name: pkg.productName,
      version: pkg.version,
      runtime: 'browser-host',
      platform: process.platform,
      versions: { node: process.versions.node },
    },
    settingsStore,
    vaultStore: cipherStoreFrom(vaultConf),
    secretBox: options.secretBox ?? createKeyedSecretBox(keyFile(options.userDataDir)),
    dataDir: options.userDataDir,
    logger: managed.logger,
    redactor,
    demoSandbox: options.demoSandbox,
  };
  return { config, close: () => managed.close() };
}
