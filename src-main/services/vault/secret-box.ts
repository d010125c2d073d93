import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { VaultProtection } from '../../../src-preload/contract/schemas/vault.ts';

// How well the key is protected is what the renderer is shown as the vault's protection: one
// type, the contract's (os, weak, unavailable are explained there).
export type { VaultProtection } from '../../../src-preload/contract/schemas/vault.ts';

/**
 * The ciphertext was made with a key this machine does not have (the keychain was reset, the
 * profile was copied from another computer): it will never decrypt here.
 */
export class SecretUnreadableError extends Error {
  constructor(message = 'the secret was encrypted with another key', options?: ErrorOptions) {
    super(message, options);
    this.name = 'SecretUnreadableError';
  }
}

export interface Decrypted {
  value: string;
  /** The key was rotated (or a better one is available): encrypt the value again and save it. */
  reEncrypt: boolean;
}

export interface SecretBox {
  protection(): Promise<VaultProtection>;
  /** Returns base64 ciphertext. */
  encrypt(plain: string): Promise<string>;
  /**
   * Throws `SecretUnreadableError` when the ciphertext can never be decrypted here; any other
   * error (a locked keyring, a dismissed Keychain prompt, not ready yet) means "not now".
   */
  decrypt(cipher: string): Promise<Decrypted>;
}

/**
 * AES-256-GCM with a key held by the caller. Used where no OS keychain exists (the browser
 * host): real encryption, but the key sits next to the data, so it reports `weak`.
 */
export function createKeyedSecretBox(key: Buffer, protection: VaultProtection = 'weak'): SecretBox {
  if (key.length !== 32) throw new Error('SecretBox key must be 32 bytes');
  return {
    protection: () => Promise.resolve(protection),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'));
    },
    decrypt(text) {
      try {
        const raw = Buffer.from(text, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const value = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
        return Promise.resolve({ value: value.toString('utf8'), reEncrypt: false });
      } catch (error) {
        // GCM's tag check failed: another key, or altered ciphertext. Neither gets better.
        return Promise.reject(new SecretUnreadableError(undefined, { cause: error }));
      }
    },
  };
}
