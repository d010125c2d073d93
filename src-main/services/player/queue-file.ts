import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { SavedQueueArgs, type SavedQueue } from '../../../src-preload/contract/schemas/player.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';
import { readJsonDataFile } from '../files/read-data-file.ts';

/** Bump when the file's shape changes, and teach `upgrade` the older shape. */
export const queueFileVersion = 1;

export interface QueueFile {
  format: 'aislecast-queue';
  version: typeof queueFileVersion;
  /** The Queye account the IDs belong to, when it was known. */
  account?: string;
  savedAt: string;
  queue: SavedQueue;
}

const QueueFileSchema = z.object({
  format: z.literal('aislecast-queue'),
  version: z.literal(queueFileVersion),
  account: z.string().optional(),
  savedAt: z.string(),
  queue: SavedQueueArgs,
});

export const queueFilePath = (dataDir: string): string => join(dataDir, 'player', 'queue.json');

/**
 * Reads the saved queue. A missing file is normal (first run); a damaged one, or one of a
 * version this build does not know, goes to `DamagedFiles` (moved aside, so nothing is lost
 * for good; the user is told) — losing a queue must never stop the app from starting.
 */
export async function readQueueFile(
  path: string,
  damagedFiles: DamagedFiles,
): Promise<QueueFile | undefined> {
  const found = await readJsonDataFile(path);
  if (found.state === 'missing') return undefined;
  const damaged = async (reason: string) => {
    await damagedFiles.report(path, {
      what: 'Your saved play queue could not be read, so the player starts with an empty queue.',
      reason: `queue file ${reason}`,
    });
    return undefined;
  };
  if (found.state === 'damaged') return damaged(found.reason);
  const version = (found.value as { version?: unknown } | null)?.version;
  if (version !== queueFileVersion) return damaged(`has an unknown version (${String(version)})`);
  const parsed = QueueFileSchema.safeParse(found.value);
  if (!parsed.success) return damaged(`is invalid (${parsed.error.issues.length} problems)`);
  return parsed.data;
}

export async function writeQueueFile(path: string, file: QueueFile): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(file), { mode: 0o600, fsync: true });
}
