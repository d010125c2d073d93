import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createHistory } from '../../../src-main/services/broadcast/history.ts';
import type { JobRecord, JournalRecord } from '../../../src-main/services/broadcast/records.ts';
import {
  applyRecord,
  createState,
  type JobState,
} from '../../../src-main/services/broadcast/state.ts';
import { summarize } from '../../../src-main/services/broadcast/summary.ts';

const day = 86_400_000;
const t0 = Date.UTC(2026, 6, 1, 12);

function jobState(
  id: string,
  at: number,
  externalIds: string[],
  extra: Partial<JobRecord> = {},
  then: (job: JobRecord) => JournalRecord[] = () => [],
): JobState {
  const job: JobRecord = {
    type: 'job',
    id,
    at,
    audioId: 'aud_a',
    audioName: 'Opening hours',
    schedule: { kind: 'now' },
    options: {},
    chunkSize: 100,
    chunks: [{ index: 0, externalIds }],
    sender: { externalId: 'hq', environment: 'prod', host: 'https://musique.example' },
    ...extra,
  };
  const state = createState(job);
  for (const record of then(job)) applyRecord(state, record);
  return state;
}

const sentAll = (job: JobRecord): JournalRecord[] => [
  {
    type: 'attempt',
    at: job.at + 1000,
    chunk: 0,
    attempt: 1,
    externalIds: job.chunks[0]!.externalIds,
  },
  {
    type: 'outcome',
    at: job.at + 2000,
    chunk: 0,
    attempt: 1,
    result: 'sent',
    requestId: `req_${job.id}`,
    sendId: `snd_${job.id}`,
  },
];
const failedOne =
  (failed: string, reason: string) =>
  (job: JobRecord): JournalRecord[] => [
    {
      type: 'attempt',
      at: job.at + 1000,
      chunk: 0,
      attempt: 1,
      externalIds: job.chunks[0]!.externalIds,
    },
    {
      type: 'outcome',
      at: job.at + 2000,
      chunk: 0,
      attempt: 1,
      result: 'refused',
      requestId: `req_${job.id}`,
      error: { code: 'unknown_store', message: 'refused' },
      failed: [{ externalId: failed, reason }],
    },
    { type: 'control', at: job.at + 3000, action: 'cancel' },
  ];

function historyOf(states: JobState[], historyDays = 365) {
  const byId = new Map(states.map((s) => [s.job.id, s]));
  return createHistory({
    jobs: () => states,
    get: (id) => byId.get(id),
    summary: (state) => summarize(state),
    historyDays: () => historyDays,
  });
}

const states = [
  jobState('job_a', t0, ['s1', 's2'], {}, sentAll),
  jobState(
    'job_b',
    t0 + day,
    ['s2', 's3'],
    { audioId: 'aud_b', test: true },
    failedOne('s3', 'not a store'),
  ),
  jobState('job_c', t0 + 2 * day, ['s1', 's3']),
];
const history = historyOf(states);

describe('broadcast history (pure)', () => {
  it('newest first, paged, with the kept days', () => {
    const page = history.page({ offset: 0, limit: 2 });
    expect(page.jobs.map((j) => j.id)).toEqual(['job_c', 'job_b']);
    expect(page.total).toBe(3);
    expect(page.historyDays).toBe(365);
    expect(history.page({ offset: 2, limit: 2 }).jobs.map((j) => j.id)).toEqual(['job_a']);
  });

  it('filters by audio, date range, status and store', () => {
    const ids = (filter: Parameters<typeof history.page>[0]) =>
      history.page(filter).jobs.map((j) => j.id);
    const page = { offset: 0, limit: 50 };
    expect(ids({ ...page, audioId: 'aud_b' })).toEqual(['job_b']);
    expect(
      ids({
        ...page,
        from: new Date(t0 + day).toISOString(),
        to: new Date(t0 + 2 * day).toISOString(),
      }),
    ).toEqual(['job_b']);
    expect(ids({ ...page, status: 'complete' })).toEqual(['job_a']);
    expect(ids({ ...page, status: 'active' })).toEqual(['job_c']);
    expect(ids({ ...page, status: 'with-failures' })).toEqual(['job_b']);
    expect(ids({ ...page, externalId: 's1' })).toEqual(['job_c', 'job_a']);
    expect(ids({ ...page, externalId: 'nowhere' })).toEqual([]);
  });

  it("one store's history: a row per job that included it, with its own status and IDs", () => {
    const s3 = history.storeHistory('s3', { offset: 0, limit: 10 });
    expect(s3.total).toBe(2);
    expect(s3.rows.map((r) => [r.jobId, r.status, r.reason])).toEqual([
      ['job_c', 'pending', undefined],
      ['job_b', 'failed', 'not a store'],
    ]);
    expect(s3.rows[1]).toMatchObject({ requestId: 'req_job_b', test: true, audioId: 'aud_b' });
    const s1 = history.storeHistory('s1', { offset: 1, limit: 10 });
    expect(s1.rows[0]).toMatchObject({ jobId: 'job_a', status: 'sent', sendId: 'snd_job_a' });
  });

  it("exports a job's rows as CSV with the columns a manager needs", () => {
    const out = history.exportJob('job_a');
    expect(out.fileName).toBe('broadcast-job_a.csv');
    expect(out.rows).toBe(2);
    expect(out.csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(out.csv.slice(1), { header: true });
    expect(parsed.data[0]).toMatchObject({
      external_id: 's1',
      status: 'sent',
      request_id: 'req_job_a',
      send_id: 'snd_job_a',
      last_request_at_utc: new Date(t0 + 1000).toISOString(),
      job_created_at_utc: new Date(t0).toISOString(),
      audio_id: 'aud_a',
      audio_name: 'Opening hours',
      sender_external_id: 'hq',
      sender_environment: 'prod',
      test: 'no',
    });
    expect(() => history.exportJob('job_zzz')).toThrow(/no such broadcast/);
  });

  it("exports a store's history; a store with none gives the header only", () => {
    const out = history.exportStore('s3');
    expect(out).toMatchObject({ fileName: 'store-history-s3.csv', rows: 2 });
    const rows = Papa.parse<string[]>(out.csv.slice(1)).data;
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[7]])).toEqual([
      ['s3', 'pending', '', 'job_c'],
      ['s3', 'failed', 'not a store', 'job_b'],
    ]);
    expect(history.exportStore('nobody')).toMatchObject({ rows: 0 });
  });

  it('cells a spreadsheet would run as formulas are quoted as text; file names stay safe', () => {
    const risky = ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tTab', '\rCR', '=1\n+2'];
    const evil = historyOf([
      jobState(
        'job_x',
        t0,
        ['=../../evil id'],
        { audioName: '=cmd|/c calc' },
        failedOne('=../../evil id', risky.join('')),
      ),
      ...risky.map((name, i) => jobState(`job_r${i}`, t0 + i, [`r${i}`], { audioName: name })),
    ]);
    const job = Papa.parse<Record<string, string>>(evil.exportJob('job_x').csv.slice(1), {
      header: true,
    }).data[0]!;
    expect(job.external_id).toBe("'=../../evil id");
    expect(job.audio_name).toBe("'=cmd|/c calc");
    expect(job.reason!.startsWith("'=")).toBe(true);
    for (const [i, name] of risky.entries()) {
      const row = Papa.parse<Record<string, string>>(evil.exportJob(`job_r${i}`).csv.slice(1), {
        header: true,
      }).data[0]!;
      expect(row.audio_name).toBe(`'${name}`);
    }
    expect(evil.exportStore('=../../evil id').fileName).toBe('store-history-evil-id.csv');
  });
});
