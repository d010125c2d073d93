/**
 * Every job's journal, read at start and appended to as the engine works. A record is applied
 * to the job's state only once it is on the disk, so what the app shows and does never runs
 * ahead of what a restart would find.
 */
import { join } from 'node:path';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import { decodeJournal, encodeRecord, nodeJournalIo, type JournalIo } from './journal.ts';
import type { JobRecord, JournalRecord } from './records.ts';
import { applyRecord, createState, type JobState } from './state.ts';

export interface JobStore {
  readonly dir: string;
  load(): Promise<void>;
  jobs(): JobState[];
  get(id: string): JobState | undefined;
  create(job: JobRecord): Promise<JobState>;
  append(state: JobState, record: JournalRecord): Promise<void>;
  /** Deletes a job's journal and forgets the job (history retention). */
  remove(id: string): Promise<void>;
  /** Every request ID any job has on record (for telling this app's answers in the usage log). */
  knownRequestIds(): Set<string>;
}

const suffix = '.journal';

export function createJobStore(deps: {
  dir: string;
  io?: JournalIo;
  damagedFiles: DamagedFiles;
  log: Logger;
}): JobStore {
  const io = deps.io ?? nodeJournalIo;
  const states = new Map<string, JobState>();
  const requestIds = new Set<string>();
  const writing = new Map<string, Promise<unknown>>();
  const pathOf = (id: string) => join(deps.dir, `${id}${suffix}`);
  const remember = (record: JournalRecord) => {
    if ((record.type === 'outcome' || record.type === 'reconciled') && record.requestId)
      requestIds.add(record.requestId);
  };

  return {
    dir: deps.dir,
    async load() {
      for (const name of (await io.list(deps.dir)).sort()) {
        if (!name.endsWith(suffix)) continue;
        const path = join(deps.dir, name);
        const text = await io.read(path);
        if (text === undefined) continue;
        const read = decodeJournal(text);
        const job = read.kind === 'ok' ? read.records[0] : undefined;
        if (read.kind === 'damaged' || !job || job.type !== 'job') {
          const reason = read.kind === 'damaged' ? read.reason : 'the job record is missing';
          await deps.damagedFiles.report(path, {
            what: `The record of a broadcast (${name.slice(0, -suffix.length)}) was damaged and set aside; which of its stores were reached is no longer known to Aislecast. Check the announcement's statistics in Musique before sending it again.`,
            reason,
          });
          continue;
        }
        if (read.tornBytes > 0) {
          // A write the crash cut short: nothing acted on it, so it is dropped.
          deps.log.warn(
            { job: job.id, bytes: read.tornBytes },
            'outbox: cut off an unfinished journal write',
          );
          await io.truncate(path, read.goodLength);
        }
        const state = createState(job);
        for (const record of read.records.slice(1)) {
          applyRecord(state, record);
          remember(record);
        }
        states.set(job.id, state);
      }
    },
    jobs: () =>
      [...states.values()].sort((a, b) => a.job.at - b.job.at || a.job.id.localeCompare(b.job.id)),
    get: (id) => states.get(id),
    async create(job) {
      await io.create(pathOf(job.id), encodeRecord(job));
      const state = createState(job);
      states.set(job.id, state);
      return state;
    },
    append(state, record) {
      // One job's records are written one after another, in the order they were made (a wait
      // noticed mid-request must not land after that request's answer).
      const id = state.job.id;
      const turn = (writing.get(id) ?? Promise.resolve()).then(async () => {
        await io.append(pathOf(id), encodeRecord(record));
        applyRecord(state, record);
        remember(record);
      });
      const settled = turn.catch(() => undefined);
      writing.set(id, settled);
      void settled.then(() => {
        if (writing.get(id) === settled) writing.delete(id);
      });
      return turn;
    },
    async remove(id) {
      // Anything still being written for it goes first.
      await writing.get(id);
      await io.remove(pathOf(id));
      states.delete(id);
    },
    knownRequestIds: () => requestIds,
  };
}
