import type Conf from 'conf';
import type { Options } from 'conf';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import type { VaultFile } from '../vault/vault.ts';
import { cipherStoreFrom, vaultFile, vaultStoreOptions } from '../vault/vault-store-options.ts';
import { migrateLegacyConfig } from './legacy-config.ts';
import type { StoredSettings } from './schema.ts';
import { openStoreFile } from './store-file.ts';
import {
  addressedServices,
  servicesReset,
  settingsFile,
  settingsStoreOptions,
} from './store-options.ts';

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
  const vaultSpec = vaultFile(dir);
  if (options.migrateLegacy)
    migrateLegacyConfig(
      dir,
      { settings: settingsFile(dir).path, vault: vaultSpec.path },
      damagedFiles,
      options.log,
    );
  // The vault first: which services have a saved sign-in decides what a settings reset means.
  const vault = cipherStoreFrom(
    openStoreFile(vaultSpec, damagedFiles, () =>
      create<VaultFile>({ ...vaultStoreOptions(), cwd: dir }),
    ).store,
  );
  const names = Object.keys(vault.read().secrets);
  const signedIn = addressedServices.filter((service) =>
    names.some((name) => name.startsWith(`${service}.`)),
  );
  const settings = openStoreFile(settingsFile(dir, signedIn), damagedFiles, () =>
    create<StoredSettings>({ ...settingsStoreOptions(options.version), cwd: dir }),
  );
  // A saved secret is only ever sent to the address it was saved with: when the address is
  // reset to a default, the secrets that went with the old one go.
  if (settings.reset) {
    const orphaned = servicesReset(settings.reset).filter((service) => signedIn.includes(service));
    if (orphaned.length) {
      const file = vault.read();
      const secrets = Object.fromEntries(
        Object.entries(file.secrets).filter(
          ([name]) => !orphaned.some((service) => name.startsWith(`${service}.`)),
        ),
      );
      vault.write({ ...file, secrets });
      options.log.warn(
        { services: orphaned },
        'removed saved sign-ins whose address was reset with the damaged settings',
      );
    }
  }
  return { settings: settings.store, vault };
}
