/**
 * `safeStorage`'s async API with each way it fails in Electron 45
 * (shell/browser/api/electron_api_safe_storage.cc):
 * - a ciphertext made under another key (keychain reset, profile copied): "Error while
 *   decrypting the ciphertext provided to safeStorage.decryptStringAsync." — definite;
 * - the key provider is momentarily unavailable (a denied or dismissed macOS Keychain prompt, a
 *   locked Linux keyring): "safeStorage.decryptStringAsync is temporarily unavailable. Please
 *   try again." — nothing is wrong with the ciphertext;
 * - before `ready`: "safeStorage cannot be used before app is ready";
 * - an encrypt that fails: "Error while encrypting the text provided to …";
 * - a ciphertext under a rotated key decrypts with `shouldReEncrypt: true`.
 */
export interface StubSafeStorage {
  backend: string;
  available: boolean;
  /** The key new ciphertext is made with. */
  key: string;
  /** Older keys that still decrypt, asking for re-encryption. */
  rotatedKeys: Set<string>;
  /** Make every decrypt fail as if the keychain were locked, until reset. */
  temporarilyUnavailable: boolean;
  ready: boolean;
  encryptFails: boolean;
  decrypts: number;
  isAsyncEncryptionAvailable(): Promise<boolean>;
  getSelectedStorageBackend(): string;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(buffer: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  reset(): void;
}

export function createSafeStorage(): StubSafeStorage {
  const storage: StubSafeStorage = {
    backend: 'gnome_libsecret',
    available: true,
    key: 'k1',
    rotatedKeys: new Set(),
    temporarilyUnavailable: false,
    ready: true,
    encryptFails: false,
    decrypts: 0,
    isAsyncEncryptionAvailable() {
      return Promise.resolve(this.available);
    },
    getSelectedStorageBackend() {
      return this.ready ? this.backend : 'unknown';
    },
    encryptStringAsync(plain: string) {
      if (!this.ready)
        return Promise.reject(new Error('safeStorage cannot be used before app is ready'));
      if (this.encryptFails)
        return Promise.reject(
          new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.'),
        );
      return Promise.resolve(
        Buffer.from(`v11:${this.key}:${Buffer.from(plain).toString('base64')}`),
      );
    },
    decryptStringAsync(buffer: Buffer) {
      this.decrypts++;
      if (!this.ready)
        return Promise.reject(new Error('safeStorage cannot be used before app is ready'));
      if (!Buffer.isBuffer(buffer))
        return Promise.reject(
          new Error('Expected the first argument of decryptStringAsync() to be a buffer'),
        );
      if (buffer.length === 0) return Promise.resolve({ result: '', shouldReEncrypt: false });
      if (this.temporarilyUnavailable)
        return Promise.reject(
          new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.'),
        );
      const [version, key, body] = buffer.toString().split(':');
      const known = key === this.key || (key !== undefined && this.rotatedKeys.has(key));
      if (version !== 'v11' || !known || body === undefined)
        return Promise.reject(
          new Error(
            'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
          ),
        );
      return Promise.resolve({
        result: Buffer.from(body, 'base64').toString(),
        shouldReEncrypt: key !== this.key,
      });
    },
    reset() {
      this.backend = 'gnome_libsecret';
      this.available = true;
      this.key = 'k1';
      this.rotatedKeys.clear();
      this.temporarilyUnavailable = false;
      this.ready = true;
      this.encryptFails = false;
      this.decrypts = 0;
    },
  };
  return storage;
}
