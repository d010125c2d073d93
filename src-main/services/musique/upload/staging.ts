/**
 * Files on their way to Musique. The renderer holds `File` objects (there are no paths in the
 * browser host), so it sends the bytes here in order, in chunks of up to 1 MB, into a staging
 * file under the data folder; the check and the streamed upload then read that file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  maxChunkBytes,
  type FileCheck,
  type UploadTicket,
} from '../../../../src-preload/contract/schemas/musique.ts';
import { appError } from '../../core/errors.ts';
import { checkMp3, sizeVerdict } from './mp3-check.ts';

/** More staged files than this at once is not a person choosing files. */
const maxStaged = 50;

export interface StagedFile {
  id: string;
  fileName: string;
  path: string;
  size: number;
  received: number;
  check?: FileCheck;
}

export interface Staging {
  begin(fileName: string, size: number): Promise<UploadTicket>;
  write(id: string, offset: number, bytes: Uint8Array): Promise<number>;
  /** Closes the file and checks it (once; later calls return the same verdict). */
  check(id: string): Promise<FileCheck>;
  get(id: string): StagedFile | undefined;
  discard(id: string): Promise<void>;
  /** Removes every staged file, including leftovers of an earlier run. */
  clear(): Promise<void>;
}

const unknownUpload = () =>
  appError('upload_unknown', 'That upload is no longer waiting here.', {
    action: 'Add the file again.',
  });

export function createStaging(dir: string): Staging {
  const files = new Map<string, StagedFile & { handle?: FileHandle; busy: Promise<unknown> }>();

  const find = (id: string) => {
    const file = files.get(id);
    if (!file) throw unknownUpload();
    return file;
  };

  // Writes to one file happen one after another, whatever order the calls arrive in.
  const serial = <T>(file: { busy: Promise<unknown> }, work: () => Promise<T>): Promise<T> => {
    const run = file.busy.then(work, work);
    file.busy = run.catch(() => undefined);
    return run;
  };

  const staging: Staging = {
    async begin(fileName, size) {
      // Empty or over the limit: no need to move a byte to know.
      const bySize = sizeVerdict(size);
      if (bySize) return { accepted: false, check: bySize };
      if (files.size >= maxStaged) {
        throw appError('too_many_uploads', 'Too many files are waiting to be uploaded.', {
          action: 'Upload or remove some of them, then add more.',
        });
      }
      await mkdir(dir, { recursive: true });
      const id = `upl_${randomBytes(8).toString('hex')}`;
      const path = join(dir, `${id}.part`);
      const handle = await open(path, 'w', 0o600);
      files.set(id, { id, fileName, path, size, received: 0, handle, busy: Promise.resolve() });
      return { accepted: true, uploadId: id, chunkBytes: maxChunkBytes };
    },
    write(id, offset, bytes) {
      const file = find(id);
      return serial(file, async () => {
        if (!file.handle)
          throw appError('upload_closed', 'This file has already been checked.', {
            action: 'Add the file again to send other bytes.',
          });
        if (offset !== file.received) {
          throw appError('upload_out_of_order', 'Part of the file arrived out of order.', {
            action: 'Remove the file and add it again.',
          });
        }
        if (file.received + bytes.byteLength > file.size) {
          throw appError(
            'upload_overrun',
            'The file is larger than announced; it may have changed while being read.',
            {
              action: 'Remove the file and add it again.',
            },
          );
        }
        await file.handle.write(bytes, 0, bytes.byteLength, offset);
        file.received += bytes.byteLength;
        return file.received;
      });
    },
    check(id) {
      const file = find(id);
      return serial(file, async () => {
        if (file.check) return file.check;
        await file.handle?.close();
        file.handle = undefined;
        const onDisk = (await stat(file.path)).size;
        file.check =
          onDisk !== file.size || file.received !== file.size
            ? {
                ok: false,
                size: onDisk,
                reason: 'incomplete',
                message: `Only ${onDisk.toLocaleString('en')} of ${file.size.toLocaleString('en')} bytes arrived; the file may have changed or become unreadable.`,
              }
            : await checkMp3(file.path, file.size, file.fileName);
        return file.check;
      });
    },
    get: (id) => files.get(id),
    async discard(id) {
      const file = files.get(id);
      if (!file) return;
      files.delete(id);
      await serial(file, async () => {
        await file.handle?.close();
        await rm(file.path, { force: true });
      });
    },
    async clear() {
      for (const id of [...files.keys()]) await staging.discard(id);
      const leftovers = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        leftovers
          .filter((name) => name.endsWith('.part'))
          .map((name) => rm(join(dir, name), { force: true })),
      );
    },
  };
  return staging;
}
