import ElectronStore from 'electron-store';
import type { DamagedFiles } from '../services/files/damaged-files.ts';
import type { Logger } from '../services/log/logger.ts';
import { openSettingsAndVault, type StoreFactory } from '../services/settings/open-stores.ts';

/**
 * electron-store names its file by `name` and overwrites conf's `configName` with it (default
 * `config`), so the shared options' `configName` is passed as `name`: without it the settings
 * and the vault would share one `config.json` and each vault write would wipe the settings.
 */
export const electronStoreFactory: StoreFactory = (options) => {
  const { configName, ...rest } = options;
  return new ElectronStore({ ...rest, name: configName });
};

/** The settings and vault files in the userData folder, as the services define them. */
export function openStores(options: {
  dir: string;
  version: string;
  damagedFiles: DamagedFiles;
  log: Logger;
}) {
  return openSettingsAndVault({ ...options, create: electronStoreFactory, migrateLegacy: true });
}
