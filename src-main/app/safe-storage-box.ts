import type { SafeStorage } from 'electron';
import {
  SecretUnreadableError,
  type VaultProtection,
  type SecretBox,
} from '../services/vault/secret-box.ts';

/**
 * Electron 45 rejects `decryptStringAsync` with one message when the ciphertext does not
 * decrypt under any key it has, and with "…is temporarily unavailable. Please try again." when
 * the key provider could not be reached (a locked Linux keyring, a denied or dismissed macOS
 * Keychain prompt). Only the first is definite; anything else keeps the secret for later.
 */
const wrongKey =
  /^Error while decrypting the ciphertext provided to safeStorage\.decryptStringAsync/;

/** The OS keychain behind the vault's SecretBox interface. Call only after `ready`. */
export function createSafeStorageBox(
  safeStorage: SafeStorage,
  platform = process.platform,
): SecretBox {
  return {
    async protection(): Promise<VaultProtection> {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
      // basic_text "encrypts" with a hard-coded password: as good as plaintext.
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
        return 'weak';
      return 'os';
    },
    async encrypt(plain) {
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(cipher) {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
          Buffer.from(cipher, 'base64'),
        );
        return { value: result, reEncrypt: shouldReEncrypt };
      } catch (error) {
        if (error instanceof Error && wrongKey.test(error.message))
          throw new SecretUnreadableError(error.message, { cause: error });
        throw error;
      }
    },
  };
}
