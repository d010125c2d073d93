/**
 * The last known audio list on disk, per account, so the broadcaster opens with it offline.
 * One versioned JSON file per account key, written atomically (temp file, fsync, rename).
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AudioItem } from '../../../src-preload/contract/schemas/musique.ts';
import { readAudio } from './normalize.ts';

const formatVersion = 1;

export interface CachedLibrary {
  items: AudioItem[];
  fetchedAt: string;
}

/**
 * The account a cache belongs to: the Musique host and the token's External ID. A demo session
 * (another host) and a real account never share a file; the token itself is not part of it.
 */
export function libraryCacheKey(root: string, externalId: string): string {
  return createHash('sha256').update(`${root}\n${externalId}`).digest('hex').slice(0, 24);
}

export interface LibraryCache {
  read(key: string): Promise<CachedLibrary | undefined>;
  write(key: string, library: CachedLibrary): Promise<void>;
  remove(key: string): Promise<void>;
}

export function createLibraryCache(dir: string): LibraryCache {
  const file = (key: string) => join(dir, `library-${key}.json`);
  return {
    async read(key) {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(file(key), 'utf8'));
      } catch {
        return undefined;
      }
      const data = raw as {
        version?: unknown;
        key?: unknown;
        fetchedAt?: unknown;
        items?: unknown;
      };
      if (data.version !== formatVersion || data.key !== key || typeof data.fetchedAt !== 'string')
        return undefined;
      const items = Array.isArray(data.items)
        ? data.items.map(readAudio).filter((item): item is AudioItem => item !== undefined)
        : [];
      return { items, fetchedAt: data.fetchedAt };
    },
    async write(key, library) {
      const body = JSON.stringify({ version: formatVersion, key, ...library });
      await writeFileAtomic(file(key), body, { mode: 0o600 });
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
  };
}
