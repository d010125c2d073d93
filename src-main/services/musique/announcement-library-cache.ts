/**
 * The last known audio list on disk, per account, so the broadcaster opens with it offline.
 * One versioned JSON file per account key, written atomically (temp file, fsync, rename). A
 * damaged file goes to `DamagedFiles` (moved aside, logged, the user told); the list is then
 * fetched again.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AudioItem } from '../../../src-preload/contract/schemas/musique.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';
import { readJsonDataFile } from '../files/read-data-file.ts';
import { readAudio } from './normalize.ts';

const formatVersion = 1;

export interface CachedAnnouncementLibrary {
  items: AudioItem[];
  fetchedAt: string;
}

/**
 * The account a cache belongs to: the Musique host and the token's External ID. A demo session
 * (another host) and a real account never share a file; the token itself is not part of it.
 */
export function announcementLibraryCacheKey(root: string, externalId: string): string {
  return createHash('sha256').update(`${root}\n${externalId}`).digest('hex').slice(0, 24);
}

export interface AnnouncementLibraryCache {
  read(key: string): Promise<CachedAnnouncementLibrary | undefined>;
  write(key: string, library: CachedAnnouncementLibrary): Promise<void>;
  remove(key: string): Promise<void>;
}

export function createAnnouncementLibraryCache(
  dir: string,
  damagedFiles: DamagedFiles,
): AnnouncementLibraryCache {
  const file = (key: string) => join(dir, `library-${key}.json`);
  return {
    async read(key) {
      const path = file(key);
      const found = await readJsonDataFile(path);
      if (found.state === 'missing') return undefined;
      const data = (found.state === 'read' ? found.value : undefined) as {
        version?: unknown;
        key?: unknown;
        fetchedAt?: unknown;
        items?: unknown;
      } | null;
      const problem =
        found.state === 'damaged'
          ? found.reason
          : !data || typeof data !== 'object' || Array.isArray(data)
            ? 'is not an object'
            : data.version !== formatVersion
              ? `has an unknown version (${String(data.version)})`
              : data.key !== key
                ? 'belongs to another account'
                : typeof data.fetchedAt !== 'string' || !Array.isArray(data.items)
                  ? 'lacks its items or date'
                  : undefined;
      if (problem || !data) {
        await damagedFiles.report(path, {
          what: 'The saved copy of your Musique announcement list was reset; Aislecast fetches it again from Musique.',
          reason: `Musique library cache ${problem ?? 'is unreadable'}`,
        });
        return undefined;
      }
      const items = (data.items as unknown[])
        .map(readAudio)
        .filter((item): item is AudioItem => item !== undefined);
      return { items, fetchedAt: data.fetchedAt as string };
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
