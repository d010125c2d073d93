import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Vault } from '../vault/vault.ts';
import { accountFile, fingerprint, type AccountRecord } from './account-file.ts';
import type { IssuedTokens } from './queye-api.ts';

/** The vault's names for Queye secrets; `queye.` is the prefix sign-out wipes. */
export const secretNames = {
  clientKey: 'queye.clientKey',
  userKey: 'queye.userKey',
  refreshToken: 'queye.refreshToken',
} as const;

/**
 * The address the saved secrets belong to, kept in the vault next to them (as JSON, so the
 * redactor, which learns every vault value, never scrubs a plain URL from the log).
 */
export const bindingName = 'queye.binding';

const readBinding = (raw: string | undefined): string | undefined => {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { baseUrl?: unknown };
    return typeof parsed.baseUrl === 'string' ? parsed.baseUrl : undefined;
  } catch {
    return undefined;
  }
};

export interface SavedSignIn {
  record?: AccountRecord;
  clientKey?: string;
  userKey?: string;
  refreshToken?: string;
  /** The address the secrets were saved with: the only one they are ever sent to. */
  boundTo?: string;
  /** Queye secrets the vault could not decrypt at start-up. */
  dropped: string[];
}

export interface SavedCredentials {
  load(): Promise<SavedSignIn>;
  /** Secrets first, then the account record that makes them count. */
  save(
    account: { baseUrl: string; userId: string; scopes: string[] },
    secrets: { clientKey: string; userKey: string; refreshToken: string },
  ): Promise<void>;
  markRefreshInFlight(refreshToken: string): Promise<void>;
  storeRefresh(tokens: IssuedTokens): Promise<void>;
  forgetRefreshToken(): Promise<void>;
  forgetUserKey(): Promise<void>;
  storeUserKey(userKey: string): Promise<void>;
  get(name: keyof typeof secretNames): Promise<string | undefined>;
  /** The address the saved secrets belong to (the vault's binding, else the account record). */
  boundTo(): Promise<string | undefined>;
  hint(name: keyof typeof secretNames): Promise<string | undefined>;
  /** Sign-out: every Queye secret and the account record. */
  wipe(): Promise<void>;
}

/**
 * A saved sign-in = secrets in the vault (client key, user key, rotating refresh token) plus a
 * non-secret account record on disk. The order of writes is what keeps a crash harmless: a new
 * refresh token is in the vault before the journal entry that guards its rotation is cleared.
 */
export function createSavedCredentials(
  vault: Vault,
  dataDir: string,
  damagedFiles: DamagedFiles,
): SavedCredentials {
  const file = accountFile(dataDir, damagedFiles);
  let record: AccountRecord | undefined;

  const writeRecord = async (next: AccountRecord | undefined) => {
    record = next;
    if (next) await file.write(next);
  };

  return {
    async load() {
      record = await file.read();
      const status = await vault.status();
      let boundTo = readBinding(await vault.get(bindingName));
      if (!boundTo && record && (await vault.has(secretNames.clientKey))) {
        // Saved before addresses were bound: the record's address is the one they were used with.
        boundTo = record.baseUrl;
        await vault.set(bindingName, JSON.stringify({ baseUrl: boundTo }));
      }
      return {
        record,
        ...(boundTo ? { boundTo } : {}),
        clientKey: await vault.get(secretNames.clientKey),
        userKey: await vault.get(secretNames.userKey),
        refreshToken: await vault.get(secretNames.refreshToken),
        dropped: status.dropped.filter((name) => name.startsWith('queye.')),
      };
    },
    async save(account, secrets) {
      await vault.set(bindingName, JSON.stringify({ baseUrl: account.baseUrl }));
      await vault.set(secretNames.clientKey, secrets.clientKey);
      await vault.set(secretNames.userKey, secrets.userKey);
      await vault.set(secretNames.refreshToken, secrets.refreshToken);
      await writeRecord({
        version: 1,
        ...account,
        signedInAt: new Date().toISOString(),
      });
    },
    async markRefreshInFlight(refreshToken) {
      if (!record) return;
      await writeRecord({
        ...record,
        refreshInFlight: { fingerprint: fingerprint(refreshToken), at: new Date().toISOString() },
      });
    },
    async storeRefresh(tokens) {
      await vault.set(secretNames.refreshToken, tokens.refreshToken);
      if (!record) return;
      const { refreshInFlight: _done, ...rest } = record;
      await writeRecord({ ...rest, userId: tokens.userId, scopes: tokens.scopes });
    },
    forgetRefreshToken: () => vault.delete(secretNames.refreshToken),
    forgetUserKey: () => vault.delete(secretNames.userKey),
    storeUserKey: (userKey) => vault.set(secretNames.userKey, userKey),
    get: (name) => vault.get(secretNames[name]),
    boundTo: async () => readBinding(await vault.get(bindingName)) ?? record?.baseUrl,
    hint: (name) => vault.hint(secretNames[name]),
    async wipe() {
      await vault.deleteAll('queye.');
      record = undefined;
      await file.remove();
    },
  };
}
