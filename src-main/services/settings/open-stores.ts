import type Conf from 'conf';
import type { Options } from 'conf';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import type { VaultFile } from '../vault/vault.ts';
import { cipherStoreFrom, vaultFile, vaultStoreOptions } from '../vault/vault-store-options.ts';
import { migrateLegacyConfig } from './legacy-config.ts';
import type { StoredSettings } from './schema.ts';
import { openStoreFile } from './store-file.ts';
import { settingsFile, settingsStoreOptions } from './store-options.ts';

/** Makes a store from conf's options: plain `conf` in Node, electron-store in the app. */
export type StoreFactory = <T extends Record<string, unknown>>(options: Options<T>) => Conf<T>;

export interface OpenStoresOptions {
  /** The user-data folder. */
  dir: string;
  version: string;
  damagedFiles: DamagedFiles;
  log: Logger;
  create: StoreFactory;
  /** Split a combined `config.json` written by earlier versions of the app first. */
  migrateLegacy?: boolean;
}

/**
 * The settings and vault files, each in its own file, each checked before it is opened: a
 * damaged one is set aside and reported, never wiped silently or left to stop the start-up.
 */
export function openSettingsAndVault(options: OpenStoresOptions) {
  const { dir, damagedFiles, create } = options;
  const settingsSpec = settingsFile(dir);
  const vaultSpec = vaultFile(dir);
  if (options.migrateLegacy)
    migrateLegacyConfig(
      dir,
      { settings: settingsSpec.path, vault: vaultSpec.path },
      damagedFiles,
      options.log,
    );
  const settings = openStoreFile(settingsSpec, damagedFiles, () =>
    create<StoredSettings>({ ...settingsStoreOptions(options.version), cwd: dir }),
  );
  const vault = openStoreFile(vaultSpec, damagedFiles, () =>
    create<VaultFile>({ ...vaultStoreOptions(), cwd: dir }),
  );
  return { settings, vault: cipherStoreFrom(vault) };
}
