/**
 * The outbox's storage: one append-only journal per job (`outbox/<jobId>.journal`), one JSON
 * record per line with a checksum, each append flushed to the disk (`fdatasync`) before the
 * engine acts on it — a request goes out only after its `attempt` record is durable.
 *
 * Reading back: a last line without its newline or with a bad checksum is a write the crash
 * interrupted (nothing was acted on after it), so it is cut off; a bad line anywhere else is
 * damage, and the caller hands the file to `DamagedFiles`.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalRecord } from './records.ts';

/** The file operations the journal needs; a test double can fail them (a full disk). */
export interface JournalIo {
  /** Appends and flushes to the disk before resolving. */
  append(path: string, text: string): Promise<void>;
  /** Creates the folder and makes the new file's name durable too. */
  create(path: string, text: string): Promise<void>;
  read(path: string): Promise<string | undefined>;
  list(dir: string): Promise<string[]>;
  truncate(path: string, length: number): Promise<void>;
  /** Deletes a journal (gone already is fine). */
  remove(path: string): Promise<void>;
}

export const nodeJournalIo: JournalIo = {
  async append(path, text) {
    const handle = await open(path, 'a');
    try {
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  },
  async create(path, text) {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'wx');
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The new name must survive a crash too: flush the folder (not possible on Windows).
    if (process.platform !== 'win32') {
      const folder = await open(dirname(path), 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    }
  },
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
  truncate: (path, length) => truncate(path, length),
  remove: (path) => rm(path, { force: true }),
};

const checksum = (json: string) => createHash('sha256').update(json).digest('hex').slice(0, 12);

export function encodeRecord(record: JournalRecord): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

export type JournalRead =
  | { kind: 'ok'; records: JournalRecord[]; tornBytes: number; goodLength: number }
  | { kind: 'damaged'; reason: string };

/** Parses a journal's text: records, and how much of a torn last write to cut off. */
export function decodeJournal(text: string): JournalRead {
  const records: JournalRecord[] = [];
  let offset = 0;
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  let goodLength = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = end === -1 ? text.slice(offset) : text.slice(offset, end);
    const last = end === -1 || end === text.length - 1;
    const space = line.indexOf(' ');
    const json = space > 0 ? line.slice(space + 1) : '';
    let record: JournalRecord | undefined;
    if (space > 0 && checksum(json) === line.slice(0, space)) {
      try {
        record = JSON.parse(json) as JournalRecord;
      } catch {
        record = undefined;
      }
    }
    if (!record || end === -1) {
      if (last) return { kind: 'ok', records, tornBytes: bytes(text) - goodLength, goodLength };
      return { kind: 'damaged', reason: `line ${records.length + 1} is unreadable` };
    }
    if (records.length === 0 && record.type !== 'job')
      return { kind: 'damaged', reason: 'the journal does not start with its job' };
    records.push(record);
    offset = end + 1;
    goodLength += bytes(line) + 1;
  }
  return { kind: 'ok', records, tornBytes: 0, goodLength };
}
