import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {
  SavedPositionArgs,
  SavedQueue,
} from '../../../src-preload/contract/schemas/player.ts';
import { appError } from '../core/errors.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import { queueFileVersion, readQueueFile, writeQueueFile, type QueueFile } from './queue-file.ts';

export interface QueueStore {
  /** The saved queue, if it belongs to `account` (or either side does not know its account). */
  load(account: string | undefined): Promise<SavedQueue | null>;
  /** Resolves once the queue is on disk; rejects (`queue_not_saved`) when it could not be. */
  save(queue: SavedQueue, account: string | undefined): Promise<string>;
  savePosition(position: SavedPositionArgs): Promise<string>;
  /** Waits for the last write to reach the disk (or fail). */
  flush(): Promise<void>;
}

/**
 * The queue file, written atomically and one write at a time: a burst of saves while the user
 * drags tracks around ends in one or two writes of the latest state, never interleaved ones.
 */
export function createQueueStore(
  path: string,
  log: Logger,
  damagedFiles: DamagedFiles,
): QueueStore {
  let current: QueueFile | undefined;
  let loaded: Promise<void> | undefined;
  let writing: Promise<void> | undefined;
  let dirty = false;

  const ensureLoaded = () =>
    (loaded ??= readQueueFile(path, damagedFiles).then((file) => {
      // A save that arrived before the read finished is newer than the file.
      current ??= file;
    }));

  // Every save waiting on this loop learns whether the latest state reached the disk: an
  // earlier write that failed does not matter once a later one (of newer state) succeeded.
  const writeLoop = async () => {
    let failure: unknown;
    while (dirty && current) {
      dirty = false;
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeQueueFile(path, current);
        failure = undefined;
      } catch (error) {
        failure = error;
        log.error({ err: error }, 'could not save the queue');
      }
    }
    if (failure) throw notSaved(failure);
  };

  const schedule = (): Promise<void> => {
    dirty = true;
    writing ??= writeLoop().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  return {
    async load(account) {
      await ensureLoaded();
      if (!current) return null;
      if (current.account && account && current.account !== account) {
        log.info('the saved queue belongs to another Queye account; not restoring it');
        return null;
      }
      return current.queue;
    },
    async save(queue, account) {
      const savedAt = new Date().toISOString();
      current = {
        format: 'aislecast-queue',
        version: queueFileVersion,
        account: account ?? current?.account,
        savedAt,
        queue,
      };
      await schedule();
      return savedAt;
    },
    async savePosition({ index, position }) {
      await ensureLoaded();
      const savedAt = new Date().toISOString();
      // A position for another queue than the saved one (a race with a queue save) is dropped.
      const size = current?.queue.ids.length ?? 0;
      if (!current || index >= size || (index < 0 && size > 0)) return savedAt;
      current = { ...current, savedAt, queue: { ...current.queue, index, position } };
      await schedule();
      return savedAt;
    },
    async flush() {
      await writing?.catch(() => undefined);
    },
  };
}

function notSaved(cause: unknown) {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return appError('queue_not_saved', 'Your play queue could not be saved on this computer.', {
    action:
      'Check that the disk has free space and the Aislecast data folder can be written to. The music keeps playing; the queue is saved again with your next change.',
    ...(code ? { details: { reason: code } } : {}),
  });
}
