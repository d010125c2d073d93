import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src-main/services/log/redactor.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { maskSecret } from '../../../src-main/services/vault/mask.ts';
import {
  SecretUnreadableError,
  createKeyedSecretBox,
  type VaultProtection,
  type SecretBox,
} from '../../../src-main/services/vault/secret-box.ts';
import {
  createVault,
  type CipherStore,
  type VaultFile,
} from '../../../src-main/services/vault/vault.ts';
import { createSafeStorageBox } from '../../../src-main/app/safe-storage-box.ts';
import { recorded, safeStorage } from '../../support/electron-stub.ts';

const userKey = 'qm_user_Ab12Cd34_0123456789abcdefghijKLMN';

function memoryStore(initial: VaultFile = { secrets: {}, allowWeak: false }) {
  let file = structuredClone(initial);
  const store: CipherStore & { file(): VaultFile } = {
    read: () => structuredClone(file),
    write: (next) => {
      file = structuredClone(next);
    },
    file: () => file,
  };
  return store;
}

function box(protection: VaultProtection): SecretBox {
  return createKeyedSecretBox(Buffer.alloc(32, 7), protection);
}

describe('vault', () => {
  it('stores only ciphertext and reads it back after a restart', async () => {
    const store = memoryStore();
    const redactor = createRedactor();
    const vault = createVault({ box: box('os'), store, redactor, log: silentLogger() });
    await vault.set('queye.userKey', userKey);
    expect(JSON.stringify(store.file())).not.toContain(userKey);
    expect(await vault.hint('queye.userKey')).toBe('qm_user_…KLMN');
    expect(redactor.scrub(`token ${userKey.slice(0)} leaked`)).not.toContain(userKey);
    const again = createVault({ box: box('os'), store, redactor, log: silentLogger() });
    expect(await again.get('queye.userKey')).toBe(userKey);
    expect(await again.status()).toMatchObject({
      protection: 'os',
      storage: 'encrypted',
      dropped: [],
    });
  });

  it('drops a secret it cannot decrypt and reports it, without throwing', async () => {
    const store = memoryStore();
    await createVault({
      box: box('os'),
      store,
      redactor: createRedactor(),
      log: silentLogger(),
    }).set('queye.refreshToken', 'refresh-123456');
    const otherMachine = createKeyedSecretBox(Buffer.alloc(32, 9), 'os');
    const vault = createVault({
      box: otherMachine,
      store,
      redactor: createRedactor(),
      log: silentLogger(),
    });
    expect(await vault.get('queye.refreshToken')).toBeUndefined();
    expect((await vault.status()).dropped).toEqual(['queye.refreshToken']);
    expect(store.file().secrets).toEqual({});
  });

  it('keeps secrets in memory only on a weak backend until the user consents', async () => {
    const store = memoryStore();
    const vault = createVault({
      box: box('weak'),
      store,
      redactor: createRedactor(),
      log: silentLogger(),
    });
    await vault.set('musique.token', 'msk_dev_abcdef123456');
    expect(await vault.get('musique.token')).toBe('msk_dev_abcdef123456');
    expect(store.file().secrets).toEqual({});
    expect(await vault.status()).toMatchObject({ protection: 'weak', storage: 'memory-only' });
    expect(await vault.setWeakStorageAllowed(true)).toMatchObject({ storage: 'encrypted' });
    expect(Object.keys(store.file().secrets)).toEqual(['musique.token']);
    await vault.setWeakStorageAllowed(false);
    expect(store.file().secrets).toEqual({});
    expect(await vault.get('musique.token')).toBe('msk_dev_abcdef123456');
  });

  it('never writes when encryption is unavailable', async () => {
    const store = memoryStore({ secrets: {}, allowWeak: true });
    const vault = createVault({
      box: box('unavailable'),
      store,
      redactor: createRedactor(),
      log: silentLogger(),
    });
    await vault.set('queye.clientKey', 'qm_client_Ab12Cd34_0123456789abcdefghijKLMN');
    expect(store.file().secrets).toEqual({});
  });

  it('wipes a whole service with deleteAll', async () => {
    const store = memoryStore();
    const vault = createVault({
      box: box('os'),
      store,
      redactor: createRedactor(),
      log: silentLogger(),
    });
    await vault.set('queye.userKey', userKey);
    await vault.set('queye.refreshToken', 'refresh-abcdef');
    await vault.set('musique.token', 'msk_prod_abcdef123456');
    await vault.deleteAll('queye.');
    expect(await vault.has('queye.userKey')).toBe(false);
    expect(await vault.has('musique.token')).toBe(true);
    expect(Object.keys(store.file().secrets)).toEqual(['musique.token']);
  });
});

describe('masking', () => {
  it.each([
    ['qm_client_Ab12Cd34_0123456789abcdefghijKLMN', 'qm_client_…KLMN'],
    ['msk_live_1234567890abcdef', 'msk_live_…cdef'],
    ['acme_prod_99999999zz', 'acme_prod_…99zz'],
    ['opaque-refresh-token-123', '…-123'],
    ['short', '…'],
  ])('%s → %s', (secret, hint) => expect(maskSecret(secret)).toBe(hint));
});

describe('safeStorage box', () => {
  it('reports basic_text on Linux as weak, a keyring as os, none as unavailable', async () => {
    safeStorage.available = true;
    safeStorage.backend = 'basic_text';
    const linux = createSafeStorageBox(safeStorage as never, 'linux');
    expect(await linux.protection()).toBe('weak');
    safeStorage.backend = 'gnome_libsecret';
    expect(await linux.protection()).toBe('os');
    expect(await createSafeStorageBox(safeStorage as never, 'darwin').protection()).toBe('os');
    safeStorage.available = false;
    expect(await linux.protection()).toBe('unavailable');
    safeStorage.available = true;
  });

  it('round-trips through the async API and surfaces decrypt failures', async () => {
    const secretBox = createSafeStorageBox(safeStorage as never, 'linux');
    const cipher = await secretBox.encrypt('hello-secret');
    expect(cipher).not.toContain('hello-secret');
    expect(await secretBox.decrypt(cipher)).toEqual({ value: 'hello-secret', reEncrypt: false });
    await expect(
      secretBox.decrypt(Buffer.from('garbage').toString('base64')),
    ).rejects.toBeInstanceOf(SecretUnreadableError);
  });
});

describe('the vault over safeStorage, when the keychain says no', () => {
  const token = 'msk_live_abcdef0123456789';
  let clock = 0;
  const vaultOver = (store: ReturnType<typeof memoryStore>) =>
    createVault({
      box: createSafeStorageBox(safeStorage as never, 'darwin'),
      store,
      redactor: createRedactor(),
      log: silentLogger(),
      now: () => clock,
      retryLockedMs: 5_000,
    });
  const seeded = async () => {
    recorded.reset();
    clock = 0;
    const store = memoryStore();
    await vaultOver(store).set('musique.token', token);
    return store;
  };

  it('a wrong key (keychain reset, profile copied) drops the secret and says so', async () => {
    const store = await seeded();
    safeStorage.key = 'k2';
    const vault = vaultOver(store);
    expect(await vault.get('musique.token')).toBeUndefined();
    expect(await vault.status()).toMatchObject({ dropped: ['musique.token'], locked: [] });
    expect(store.file().secrets).toEqual({});
  });

  it('a locked keyring or a dismissed Keychain prompt keeps the secret and tries again later', async () => {
    const store = await seeded();
    const cipher = store.file().secrets['musique.token'];
    safeStorage.temporarilyUnavailable = true;
    const vault = vaultOver(store);
    expect(await vault.get('musique.token')).toBeUndefined();
    expect(await vault.status()).toMatchObject({ dropped: [], locked: ['musique.token'] });
    expect(store.file().secrets['musique.token']).toBe(cipher);
    // Not hammered: a read straight after does not prompt again.
    const decrypts = safeStorage.decrypts;
    expect(await vault.has('musique.token')).toBe(false);
    expect(safeStorage.decrypts).toBe(decrypts);
    // Another secret saved meanwhile, and the weak-storage choice, leave it on disk.
    await vault.set('queye.userKey', userKey);
    expect(store.file().secrets['musique.token']).toBe(cipher);
    safeStorage.temporarilyUnavailable = false;
    clock += 5_000;
    expect(await vault.get('musique.token')).toBe(token);
    expect(await vault.status()).toMatchObject({ dropped: [], locked: [] });
  });

  it('used before ready, it keeps the secret rather than dropping it', async () => {
    const store = await seeded();
    safeStorage.ready = false;
    const vault = vaultOver(store);
    expect(await vault.status()).toMatchObject({ dropped: [], locked: ['musique.token'] });
    safeStorage.ready = true;
    clock += 5_000;
    expect(await vault.get('musique.token')).toBe(token);
  });

  it('honours shouldReEncrypt: a secret under a rotated key is saved again under the new one', async () => {
    const store = await seeded();
    safeStorage.rotatedKeys.add('k1');
    safeStorage.key = 'k2';
    const vault = vaultOver(store);
    expect(await vault.get('musique.token')).toBe(token);
    const cipher = Buffer.from(store.file().secrets['musique.token']!, 'base64').toString();
    expect(cipher.startsWith('v11:k2:')).toBe(true);
    safeStorage.rotatedKeys.clear();
    expect(await vaultOver(store).get('musique.token')).toBe(token);
  });
});
