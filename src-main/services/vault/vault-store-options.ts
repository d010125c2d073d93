import { join } from 'node:path';
import type Conf from 'conf';
import type { Options } from 'conf';
import type { StoreFileSpec } from '../settings/store-file.ts';
import type { CipherStore, VaultFile } from './vault.ts';

/** `vault.json` in the user-data folder (conf's `configName`, electron-store's `name`). */
export const vaultFileName = 'vault';

/** The vault file (ciphertext only), shared by electron-store in the app and conf elsewhere. */
export function vaultStoreOptions(): Options<VaultFile> {
  return {
    configName: vaultFileName,
    defaults: { secrets: {}, allowWeak: false },
    schema: {
      secrets: { type: 'object', additionalProperties: { type: 'string' } },
      allowWeak: { type: 'boolean' },
    },
    configFileMode: 0o600,
    // Never wiped silently: `vaultFile` sets a damaged file aside and tells the user.
    clearInvalidConfig: false,
  };
}

const serviceWords: Record<string, string> = { queye: 'Queye Music', musique: 'Musique' };

/** The vault file as `openStoreFile` checks it: each secret stands or falls alone. */
export function vaultFile(dir: string): StoreFileSpec {
  return {
    path: join(dir, `${vaultFileName}.json`),
    salvage(value) {
      const lost: string[] = [];
      const kept: Record<string, unknown> = {};
      for (const [key, part] of Object.entries(value)) {
        if (key === 'secrets') {
          if (typeof part !== 'object' || part === null || Array.isArray(part)) {
            lost.push('secrets');
            continue;
          }
          const secrets: Record<string, string> = {};
          for (const [name, cipher] of Object.entries(part as Record<string, unknown>)) {
            if (typeof cipher === 'string') secrets[name] = cipher;
            else lost.push(name);
          }
          kept.secrets = secrets;
        } else if (key === 'allowWeak') {
          if (typeof part === 'boolean') kept.allowWeak = part;
          else lost.push('allowWeak');
        } else kept[key] = part;
      }
      return { kept, lost };
    },
    describe(lost) {
      const secrets = lost.filter((name) => name !== 'allowWeak');
      const services = [
        ...new Set(
          secrets.map(
            (name) => serviceWords[name.split('.')[0] ?? ''] ?? 'Queye Music and Musique',
          ),
        ),
      ];
      const weak = lost.includes('allowWeak')
        ? 'Your choice about keeping sign-ins with weak protection was reset; choose again in Settings.'
        : '';
      if (!lost.length)
        return 'Your saved sign-in details could not be read and were removed: sign in to Queye Music and Musique again.';
      const signIn = services.length
        ? `Some saved sign-in details could not be read and were removed: sign in to ${services.join(' and ')} again.`
        : '';
      return [signIn, weak].filter(Boolean).join(' ');
    },
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
