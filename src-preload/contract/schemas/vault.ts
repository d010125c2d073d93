import { z } from 'zod';

/**
 * How well the vault can protect secrets on this machine:
 * - `os`: the OS keychain protects them (macOS Keychain, Windows DPAPI, libsecret/KWallet).
 * - `weak`: encrypted with a key anyone on this machine can read (Linux `basic_text`, or the
 *   browser host's key file); secrets are written to disk only with the user's consent.
 * - `unavailable`: no encryption at all; secrets stay in memory.
 */
export type VaultProtection = 'os' | 'weak' | 'unavailable';

/** What the renderer may know about the vault: states and secret names, never a value. */
export interface VaultStatus {
  protection: VaultProtection;
  /** Where secrets live right now. */
  storage: 'encrypted' | 'memory-only';
  weakStorageAllowed: boolean;
  /** Names of secrets (e.g. `queye.refreshToken`) that could not be decrypted and were dropped. */
  dropped: string[];
  /**
   * Names of secrets the system keychain would not open just now (locked, or its prompt was
   * dismissed): kept, and tried again when next needed. Absent from hosts without a keychain.
   */
  locked?: string[];
}

/** The user's choice on a weak backend: store with weak protection, or keep in memory only. */
export const VaultWeakStorageArgs = z.strictObject({ allowed: z.boolean() });

/** The vault's secret names for one service start with `<service>.`. */
export function droppedFor(status: VaultStatus, service: 'queye' | 'musique'): string[] {
  return status.dropped.filter((name) => name.startsWith(`${service}.`));
}
