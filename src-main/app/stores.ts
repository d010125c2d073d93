import ElectronStore from 'electron-store';
import type { StoredSettings } from '../services/settings/schema.ts';
import { settingsStoreOptions } from '../services/settings/store-options.ts';
import type { VaultFile } from '../services/vault/vault.ts';
import { cipherStoreFrom, vaultStoreOptions } from '../services/vault/vault-store-options.ts';

/** electron-store files in the userData folder, with the options the services define. */
export function openStores(version: string) {
  const settings = new ElectronStore<StoredSettings>(settingsStoreOptions(version));
  const vault = new ElectronStore<VaultFile>(vaultStoreOptions());
  return { settings, vault: cipherStoreFrom(vault) };
}
