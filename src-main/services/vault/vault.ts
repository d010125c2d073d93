import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import { maskSecret } from './mask.ts';
import type { Protection, SecretBox } from './secret-box.ts';

/** The on-disk part of the vault: ciphertext only, plus the user's consent for weak storage. */
export type VaultFile = {
  secrets: Record<string, string>;
  allowWeak: boolean;
};

export interface CipherStore {
  read(): VaultFile;
  write(file: VaultFile): void;
}

export interface VaultStatus {
  protection: Protection;
  /** Where secrets live right now. */
  storage: 'encrypted' | 'memory-only';
  weakStorageAllowed: boolean;
  /** Secrets that could not be decrypted at start-up and were dropped. */
  dropped: string[];
}

export interface Vault {
  status(): Promise<VaultStatus>;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Removes every secret whose name starts with `prefix` (e.g. `queye.`). */
  deleteAll(prefix: string): Promise<void>;
  has(name: string): Promise<boolean>;
  hint(name: string): Promise<string | undefined>;
  /** The user's choice on a weak backend: persist with weak protection, or memory only. */
  setWeakStorageAllowed(allowed: boolean): Promise<VaultStatus>;
}

export interface VaultOptions {
  box: SecretBox;
  store: CipherStore;
  redactor: Redactor;
  log: Logger;
}

export function createVault({ box, store, redactor, log }: VaultOptions): Vault {
  const memory = new Map<string, string>();
  const dropped = new Set<string>();
  let loaded: Promise<void> | undefined;

  const persists = async (): Promise<boolean> => {
    const protection = await box.protection();
    return protection === 'os' || (protection === 'weak' && store.read().allowWeak);
  };

  const load = () =>
    (loaded ??= (async () => {
      const file = store.read();
      const kept: Record<string, string> = {};
      for (const [name, cipher] of Object.entries(file.secrets)) {
        try {
          const plain = await box.decrypt(cipher);
          memory.set(name, plain);
          redactor.add(plain);
          kept[name] = cipher;
        } catch {
          // The keychain changed or the file came from another machine: forget the secret
          // and let its owner ask the user to sign in again.
          dropped.add(name);
          log.warn({ secret: name }, 'dropped a secret that could not be decrypted');
        }
      }
      if (dropped.size) store.write({ ...file, secrets: kept });
    })());

  const writeThrough = async (name: string, value: string | undefined) => {
    const file = store.read();
    const secrets = { ...file.secrets };
    if (value === undefined || !(await persists())) delete secrets[name];
    else secrets[name] = await box.encrypt(value);
    store.write({ ...file, secrets });
  };

  const vault: Vault = {
    async status() {
      await load();
      const protection = await box.protection();
      return {
        protection,
        storage: (await persists()) ? 'encrypted' : 'memory-only',
        weakStorageAllowed: store.read().allowWeak,
        dropped: [...dropped],
      };
    },
    async get(name) {
      await load();
      return memory.get(name);
    },
    async set(name, value) {
      await load();
      redactor.add(value);
      memory.set(name, value);
      dropped.delete(name);
      await writeThrough(name, value);
    },
    async delete(name) {
      await load();
      memory.delete(name);
      await writeThrough(name, undefined);
    },
    async deleteAll(prefix) {
      await load();
      for (const name of [...memory.keys()]) if (name.startsWith(prefix)) memory.delete(name);
      const file = store.read();
      const secrets = Object.fromEntries(
        Object.entries(file.secrets).filter(([name]) => !name.startsWith(prefix)),
      );
      store.write({ ...file, secrets });
    },
    async has(name) {
      await load();
      return memory.has(name);
    },
    async hint(name) {
      await load();
      const value = memory.get(name);
      return value === undefined ? undefined : maskSecret(value);
    },
    async setWeakStorageAllowed(allowed) {
      await load();
      store.write({ ...store.read(), allowWeak: allowed });
      const file = store.read();
      const secrets: Record<string, string> = {};
      if (await persists()) {
        for (const [name, value] of memory) secrets[name] = await box.encrypt(value);
      }
      store.write({ ...file, secrets });
      return vault.status();
    },
  };
  return vault;
}
