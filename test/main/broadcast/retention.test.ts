import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeRecord } from '../../../src-main/services/broadcast/journal.ts';
import type { JobRecord, JournalRecord } from '../../../src-main/services/broadcast/records.ts';
import { createRetention, expiredJobs } from '../../../src-main/services/broadcast/retention.ts';
import {
  applyRecord,
  createState,
  type JobState,
} from '../../../src-main/services/broadcast/state.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { createServices } from '../../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../../src-main/services/runtime/node-runtime.ts';

const day = 86_400_000;
const now = Date.now();

type Fate = 'sent' | 'cancelled' | 'unknown' | 'pending' | 'paused';

/** A job created `age` days ago, its one store left as `fate` a minute later. */
function records(id: string, age: number, fate: Fate): JournalRecord[] {
  const at = now - age * day;
  const job: JobRecord = {
    type: 'job',
    id,
    at,
    audioId: 'aud_1',
    schedule: { kind: 'now' },
    options: {},
    chunkSize: 100,
    chunks: [{ index: 0, externalIds: ['s1'] }],
    sender: { host: 'https://musique.example' },
  };
  const attempt: JournalRecord = {
    type: 'attempt',
    at: at + 1,
    chunk: 0,
    attempt: 1,
    externalIds: ['s1'],
  };
  switch (fate) {
    case 'sent':
      return [
        job,
        attempt,
        { type: 'outcome', at: at + 60_000, chunk: 0, attempt: 1, result: 'sent' },
      ];
    case 'unknown':
      return [
        job,
        attempt,
        {
          type: 'outcome',
          at: at + 60_000,
          chunk: 0,
          attempt: 1,
          result: 'unknown',
          error: { code: 'timeout', message: 'no answer' },
        },
      ];
    case 'cancelled':
      return [job, { type: 'control', at: at + 60_000, action: 'cancel' }];
    case 'paused':
      return [job, { type: 'control', at: at + 60_000, action: 'pause' }];
    case 'pending':
      return [job];
  }
}

function state(id: string, age: number, fate: Fate) {
  const [job, ...rest] = records(id, age, fate);
  const s = createState(job as JobRecord);
  for (const record of rest) applyRecord(s, record);
  return s;
}

describe('history retention (pure)', () => {
  it('removes finished jobs older than the kept days; never running, paused or undecided ones', () => {
    const states = [
      state('job_sent_old', 40, 'sent'),
      state('job_cancelled_old', 40, 'cancelled'),
      state('job_sent_new', 20, 'sent'),
      state('job_unknown_old', 400, 'unknown'),
      state('job_paused_old', 400, 'paused'),
      state('job_pending_old', 400, 'pending'),
    ];
    expect(expiredJobs(states, 30, now).sort()).toEqual(['job_cancelled_old', 'job_sent_old']);
    expect(expiredJobs(states, 7, now)).toContain('job_sent_new');
    expect(expiredJobs(states, 365, now)).toEqual([]);
  });
});

describe('history retention over time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes once a day while the app runs, and on a change of the kept days only', async () => {
    vi.useFakeTimers();
    let clock = now;
    let days = 30;
    const jobs: JobState[] = [state('job_a', 29.5, 'sent'), state('job_b', 10, 'sent')];
    const removed: string[] = [];
    const listeners = new Set<(next: { broadcast: { historyDays: number } }) => void>();
    const retention = createRetention({
      store: {
        jobs: () => jobs,
        remove: (id) => {
          removed.push(id);
          jobs.splice(
            jobs.findIndex((j) => j.job.id === id),
            1,
          );
          return Promise.resolve();
        },
      },
      historyDays: () => days,
      now: () => clock,
      mayRemove: () => true,
      log: silentLogger(),
    });
    const settings = {
      onChange(listener: (next: { broadcast: { historyDays: number } }) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const stop = await retention.keep(settings, day);
    expect(removed).toEqual([]);
    // A day later job_a is 30.5 days old: the daily pass removes it.
    clock += day;
    await vi.advanceTimersByTimeAsync(day);
    expect(removed).toEqual(['job_a']);
    // Keeping fewer days removes job_b (11 days old) at once, without waiting for the next day.
    days = 7;
    for (const listener of listeners) listener({ broadcast: { historyDays: 7 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(removed).toEqual(['job_a', 'job_b']);
    stop();
    expect(listeners.size).toBe(0);
  });
});

describe('history retention in the app', () => {
  it('runs at start-up and when the setting changes, deleting the journals', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aislecast-retention-'));
    const outbox = join(dir, 'outbox');
    await mkdir(outbox, { recursive: true });
    const jobs: Array<[string, number, Fate]> = [
      ['job_sent_400', 400, 'sent'],
      ['job_sent_40', 40, 'sent'],
      ['job_paused_400', 400, 'paused'],
      ['job_unknown_400', 400, 'unknown'],
    ];
    for (const [id, age, fate] of jobs)
      await writeFile(
        join(outbox, `${id}.journal`),
        records(id, age, fate).map(encodeRecord).join(''),
      );
    const runtime = createNodeRuntime({ userDataDir: dir, logLevel: 'warn' });
    const services = createServices({
      ...runtime.config,
      storeDirectory: { find: () => undefined },
    });
    try {
      await services.ready;
      const journals = async () =>
        (await readdir(outbox)).filter((n) => n.endsWith('.journal')).sort();
      // The default keeps 365 days: only the finished 400-day-old job goes.
      expect(await journals()).toEqual([
        'job_paused_400.journal',
        'job_sent_40.journal',
        'job_unknown_400.journal',
      ]);
      services.settings.update({ broadcast: { historyDays: 30 } });
      await expect.poll(journals).toEqual(['job_paused_400.journal', 'job_unknown_400.journal']);
      const history = await services.router['broadcast.history'](
        { offset: 0, limit: 10 },
        { origin: 'app://aislecast' },
      );
      expect(history.ok && history.value.jobs.map((j) => j.id).sort()).toEqual([
        'job_paused_400',
        'job_unknown_400',
      ]);
      expect(history.ok && history.value.historyDays).toBe(30);
    } finally {
      await services.dispose();
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
