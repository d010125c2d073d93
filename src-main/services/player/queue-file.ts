import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { SavedQueueArgs, type SavedQueue } from '../../../src-preload/contract/schemas/player.ts';
import type { Logger } from '../log/logger.ts';

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
 * Reads the saved queue. A missing file is normal (first run); a damaged file, or one of a
 * version this build does not know, is logged and ignored — losing a queue must never stop
 * the app from starting.
 */
export async function readQueueFile(path: string, log: Logger): Promise<QueueFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn({ err: error }, 'could not read the saved queue');
    }
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    log.warn('the saved queue is damaged; starting with an empty one');
    return undefined;
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== queueFileVersion) {
    log.warn({ version }, 'the saved queue has an unknown version; starting with an empty one');
    return undefined;
  }
  const parsed = QueueFileSchema.safeParse(raw);
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.length }, 'the saved queue is invalid; ignoring it');
    return undefined;
  }
  return parsed.data;
}

export async function writeQueueFile(path: string, file: QueueFile): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(file), { mode: 0o600, fsync: true });
}
