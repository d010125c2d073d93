import type Conf from 'conf';
import type { Options } from 'conf';
import type { CipherStore, VaultFile } from './vault.ts';

/** The vault file (ciphertext only), shared by electron-store in the app and conf elsewhere. */
export function vaultStoreOptions(): Options<VaultFile> {
  return {
    configName: 'vault',
    defaults: { secrets: {}, allowWeak: false },
    schema: {
      secrets: { type: 'object', additionalProperties: { type: 'string' } },
      allowWeak: { type: 'boolean' },
    },
    configFileMode: 0o600,
    clearInvalidConfig: true,
  };
}

export function cipherStoreFrom(store: Pick<Conf<VaultFile>, 'store'>): CipherStore {
  return {
    read: () => {
      const { secrets, allowWeak } = store.store;
      return { secrets: { ...secrets }, allowWeak };
    },
    write: (file) => {
      store.store = file;
    },
  };
}
