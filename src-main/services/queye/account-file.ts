import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { DamagedFiles } from '../files/damaged-files.ts';
import { readJsonDataFile } from '../files/read-data-file.ts';

/**
 * The non-secret half of a saved Queye sign-in, next to the vault's secrets: which account it
 * is (so the library cache opens before, and without, the network) and the refresh journal.
 */
export interface AccountRecord {
  version: 1;
  baseUrl: string;
  userId: string;
  scopes: string[];
  signedInAt: string;
  /**
   * Set (durably) before a refresh token is sent and cleared once its successor is stored.
   * Found at start-up with the same token still stored, it means the previous run died after
   * Queye may have rotated the token: the stored user key may then be exchanged again.
   */
  refreshInFlight?: { fingerprint: string; at: string };
}

/** A one-way fingerprint, so the journal can name a token without holding it. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

export interface AccountFile {
  read(): Promise<AccountRecord | undefined>;
  write(record: AccountRecord): Promise<void>;
  remove(): Promise<void>;
}

/** Why a parsed record cannot be used, or undefined. */
function recordProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'is not an object';
  const record = value as Partial<AccountRecord>;
  if (record.version !== 1) return `has an unknown version (${String(record.version)})`;
  if (typeof record.baseUrl !== 'string' || typeof record.userId !== 'string')
    return 'lacks the account address or user ID';
  return undefined;
}

export function accountFile(dataDir: string, damagedFiles: DamagedFiles): AccountFile {
  const path = join(dataDir, 'queye', 'account.json');
  return {
    async read() {
      const found = await readJsonDataFile(path);
      if (found.state === 'missing') return undefined;
      const problem = found.state === 'damaged' ? found.reason : recordProblem(found.value);
      if (problem || found.state !== 'read') {
        // The secrets stay in the vault, with the address they belong to: Reconnect still works.
        await damagedFiles.report(path, {
          what: 'The record of your Queye Music sign-in was reset. Your saved keys are kept: choose Reconnect to sign in again.',
          reason: `Queye account record ${problem ?? 'is unreadable'}`,
        });
        return undefined;
      }
      const record = found.value as AccountRecord;
      const inFlight = record.refreshInFlight;
      return {
        version: 1,
        baseUrl: record.baseUrl,
        userId: record.userId,
        scopes: Array.isArray(record.scopes)
          ? record.scopes.filter((s) => typeof s === 'string')
          : [],
        signedInAt: typeof record.signedInAt === 'string' ? record.signedInAt : '',
        ...(inFlight && typeof inFlight.fingerprint === 'string' && typeof inFlight.at === 'string'
          ? { refreshInFlight: { fingerprint: inFlight.fingerprint, at: inFlight.at } }
          : {}),
      };
    },
    async write(record) {
      await mkdir(join(dataDir, 'queye'), { recursive: true });
      await writeFileAtomic(path, JSON.stringify(record, null, 2), { mode: 0o600, fsync: true });
    },
    async remove() {
      await rm(path, { force: true });
    },
  };
}
