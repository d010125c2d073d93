import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Logger } from '../log/logger.ts';

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

export function accountFile(dataDir: string, log: Logger): AccountFile {
  const path = join(dataDir, 'queye', 'account.json');
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
      try {
        const record = JSON.parse(text) as Partial<AccountRecord>;
        if (
          record.version !== 1 ||
          typeof record.baseUrl !== 'string' ||
          typeof record.userId !== 'string'
        )
          throw new Error('unexpected shape');
        return {
          version: 1,
          baseUrl: record.baseUrl,
          userId: record.userId,
          scopes: Array.isArray(record.scopes)
            ? record.scopes.filter((s) => typeof s === 'string')
            : [],
          signedInAt: typeof record.signedInAt === 'string' ? record.signedInAt : '',
          ...(record.refreshInFlight ? { refreshInFlight: record.refreshInFlight } : {}),
        };
      } catch (error) {
        log.warn({ err: error }, 'discarded an unreadable Queye account record');
        return undefined;
      }
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
