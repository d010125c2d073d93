import type { SafeStorage } from 'electron';
import type { Protection, SecretBox } from '../services/vault/secret-box.ts';

/** The OS keychain behind the vault's SecretBox interface. Call only after `ready`. */
export function createSafeStorageBox(
  safeStorage: SafeStorage,
  platform = process.platform,
): SecretBox {
  return {
    async protection(): Promise<Protection> {
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
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
      return result;
    },
  };
}
