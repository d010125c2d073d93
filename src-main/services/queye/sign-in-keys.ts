import type { Redactor } from '../log/redactor.ts';
import { maskSecret } from '../vault/mask.ts';
import type { SavedCredentials } from './saved-credentials.ts';

export interface QueyeCredentials {
  clientKey: string;
  userKey: string;
  baseUrl: string;
}

/** What the settings show of the keys in use: never the keys, only their masked ends. */
export interface KeyHints {
  clientKeyHint?: string;
  userKeyHint?: string;
}

export const hintsOf = (creds: QueyeCredentials): KeyHints => ({
  clientKeyHint: maskSecret(creds.clientKey),
  userKeyHint: maskSecret(creds.userKey),
});

/**
 * Which keys the sign-in uses: the saved ones in the vault, or the demo's temporary ones, held
 * in memory only and never written to the vault or the settings.
 */
export interface SignInKeys {
  /** The demo's keys while the demo runs; undefined while the saved account is in use. */
  temporary(): QueyeCredentials | undefined;
  useTemporary(creds: QueyeCredentials): void;
  clearTemporary(): void;
  /** Hints of the keys in use. */
  hints(): Promise<KeyHints>;
  clientKey(): Promise<string | undefined>;
  /** A freshly rotated user key replaces the one in use (the old one no longer signs in). */
  storeRotatedUserKey(key: string): Promise<void>;
}

export interface SignInKeysDeps {
  saved: Pick<SavedCredentials, 'hint' | 'get' | 'storeUserKey'>;
  redactor: Pick<Redactor, 'add'>;
}

export function createSignInKeys({ saved, redactor }: SignInKeysDeps): SignInKeys {
  let temporary: QueyeCredentials | undefined;
  return {
    temporary: () => temporary,
    useTemporary(creds) {
      temporary = creds;
      redactor.add(creds.clientKey);
      redactor.add(creds.userKey);
    },
    clearTemporary() {
      temporary = undefined;
    },
    hints: async () =>
      temporary
        ? hintsOf(temporary)
        : {
            clientKeyHint: await saved.hint('clientKey'),
            userKeyHint: await saved.hint('userKey'),
          },
    clientKey: async () => temporary?.clientKey ?? (await saved.get('clientKey')),
    async storeRotatedUserKey(key) {
      redactor.add(key);
      if (temporary) temporary = { ...temporary, userKey: key };
      else await saved.storeUserKey(key);
    },
  };
}
