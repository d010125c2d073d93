import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import { maskSecret } from './mask.ts';
import type { VaultStatus } from '../../../src-preload/contract/schemas/vault.ts';
import { SecretUnreadableError, type SecretBox } from './secret-box.ts';

/** The on-disk part of the vault: ciphertext only, plus the user's consent for weak storage. */
export type VaultFile = {
  secrets: Record<string, string>;
  allowWeak: boolean;
};

export interface CipherStore {
  read(): VaultFile;
  write(file: VaultFile): void;
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
  /** Shortest pause between two tries of a locked secret (each may show a keychain prompt). */
  retryLockedMs?: number;
  now?: () => number;
}

export function createVault({
  box,
  store,
  redactor,
  log,
  retryLockedMs = 5_000,
  now = Date.now,
}: VaultOptions): Vault {
  const memory = new Map<string, string>();
  const dropped = new Set<string>();
  /** Name → when it was last tried, for secrets the keychain would not open. */
  const locked = new Map<string, number>();
  let loaded: Promise<void> | undefined;

  const persists = async (): Promise<boolean> => {
    const protection = await box.protection();
    return protection === 'os' || (protection === 'weak' && store.read().allowWeak);
  };

  /**
   * One decrypt with the rule for failures: only a definite wrong key drops the secret; a
   * locked keychain keeps the ciphertext for another try. A rotated key is re-encrypted.
   */
  const open = async (name: string, cipher: string): Promise<'open' | 'dropped' | 'locked'> => {
    try {
      const { value, reEncrypt } = await box.decrypt(cipher);
      memory.set(name, value);
      redactor.add(value);
      locked.delete(name);
      if (reEncrypt) await rewrite(name, value);
      return 'open';
    } catch (error) {
      if (error instanceof SecretUnreadableError) {
        // The keychain changed or the file came from another machine: forget the secret
        // and let its owner ask the user to sign in again.
        dropped.add(name);
        locked.delete(name);
        log.warn({ secret: name }, 'dropped a secret that could not be decrypted');
        return 'dropped';
      }
      locked.set(name, now());
      log.warn(
        { secret: name, err: error },
        'the keychain would not open a secret just now; kept it to try again',
      );
      return 'locked';
    }
  };

  /** Saves a fresh ciphertext for a secret whose key was rotated. */
  const rewrite = async (name: string, value: string) => {
    try {
      if (!(await persists())) return;
      const file = store.read();
      if (!(name in file.secrets)) return;
      store.write({ ...file, secrets: { ...file.secrets, [name]: await box.encrypt(value) } });
    } catch (error) {
      log.warn({ secret: name, err: error }, 'could not re-encrypt a secret; the old one stays');
    }
  };

  const load = () =>
    (loaded ??= (async () => {
      const file = store.read();
      for (const [name, cipher] of Object.entries(file.secrets)) await open(name, cipher);
      if (dropped.size) {
        const current = store.read();
        const secrets = Object.fromEntries(
          Object.entries(current.secrets).filter(([name]) => !dropped.has(name)),
        );
        store.write({ ...current, secrets });
      }
    })());

  /** Before a secret is read: a locked one is tried again, at most every `retryLockedMs`. */
  const ready = async (name: string) => {
    await load();
    const triedAt = locked.get(name);
    if (triedAt === undefined || now() - triedAt < retryLockedMs) return;
    const cipher = store.read().secrets[name];
    if (cipher === undefined) locked.delete(name);
    else await open(name, cipher);
  };

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
      // Asking for the status is how the settings pages "try again".
      for (const name of [...locked.keys()]) await ready(name);
      const protection = await box.protection();
      return {
        protection,
        storage: (await persists()) ? 'encrypted' : 'memory-only',
        weakStorageAllowed: store.read().allowWeak,
        dropped: [...dropped],
        locked: [...locked.keys()],
      };
    },
    async get(name) {
      await ready(name);
      return memory.get(name);
    },
    async set(name, value) {
      await load();
      redactor.add(value);
      memory.set(name, value);
      dropped.delete(name);
      locked.delete(name);
      await writeThrough(name, value);
    },
    async delete(name) {
      await load();
      memory.delete(name);
      locked.delete(name);
      await writeThrough(name, undefined);
    },
    async deleteAll(prefix) {
      await load();
      for (const name of [...memory.keys()]) if (name.startsWith(prefix)) memory.delete(name);
      for (const name of [...locked.keys()]) if (name.startsWith(prefix)) locked.delete(name);
      const file = store.read();
      const secrets = Object.fromEntries(
        Object.entries(file.secrets).filter(([name]) => !name.startsWith(prefix)),
      );
      store.write({ ...file, secrets });
    },
    async has(name) {
      await ready(name);
      return memory.has(name);
    },
    async hint(name) {
      await ready(name);
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
        // A locked secret is only ciphertext here: it is kept as it is, not lost.
        for (const name of locked.keys()) {
          const cipher = file.secrets[name];
          if (cipher !== undefined) secrets[name] = cipher;
        }
      }
      store.write({ ...file, secrets });
      return vault.status();
    },
  };
  return vault;
}
