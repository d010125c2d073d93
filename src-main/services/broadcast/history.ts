/**
 * Broadcast history over the job journals the outbox already keeps: every job newest first,
 * filtered; one store's announcements across jobs; CSV of a job's rows or of a store's
 * history. Nothing is re-read from disk: the job states are in memory, each with its counts
 * kept up to date, so a filter over hundreds of 10,000-store jobs is a lookup per job.
 */
import Papa from 'papaparse';
import type {
  HistoryExport,
  HistoryPage,
  HistoryStatus,
  StoreHistoryPage,
  StoreHistoryRow,
} from '../../../src-preload/contract/schemas/broadcast-history.ts';
import { appError } from '../core/errors.ts';
import { phaseOf, type JobState } from './state.ts';
import type { JobSummary } from './summary.ts';

export interface HistoryFilter {
  audioId?: string;
  from?: string;
  to?: string;
  status?: HistoryStatus;
  externalId?: string;
  offset: number;
  limit: number;
}

export interface History {
  page(filter: HistoryFilter): HistoryPage;
  storeHistory(externalId: string, page: { offset: number; limit: number }): StoreHistoryPage;
  exportJob(jobId: string): HistoryExport;
  exportStore(externalId: string): HistoryExport;
}

export interface HistoryDeps {
  jobs(): JobState[];
  get(jobId: string): JobState | undefined;
  summary(state: JobState): JobSummary;
  historyDays(): number;
}

/** A job's outcome as history filters it. */
export function historyStatusOf(state: JobState): HistoryStatus {
  const phase = phaseOf(state, state.counts);
  if (phase === 'running' || phase === 'paused') return 'active';
  if (state.counts.unknown > 0) return 'with-unknown';
  if (state.counts.failed > 0) return 'with-failures';
  if (state.counts.cancelled > 0) return 'cancelled';
  return 'complete';
}

const newestFirst = (a: JobState, b: JobState) =>
  b.job.at - a.job.at || b.job.id.localeCompare(a.job.id);

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** A cell a spreadsheet would run as a formula starts with one of these. */
const formulaStart = /^[=+\-@\t\r]/;

function toCsv(header: string[], rows: string[][]): string {
  // CRLF and a BOM, like the store directory's export: what spreadsheets read everywhere.
  return (
    '\ufeff' +
    Papa.unparse([header, ...rows], {
      delimiter: ',',
      newline: '\r\n',
      escapeFormulae: formulaStart,
    })
  );
}

/** A file-name part from user data: letters, digits, dot, dash and underscore only. */
const safePart = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60) || 'store';

const notFound = () =>
  appError('job_not_found', 'There is no such broadcast in the history.', {
    action: 'Reload the history: it may have been removed by the retention setting.',
  });

const jobColumns = [
  'external_id',
  'status',
  'reason',
  'request_id',
  'send_id',
  'scheduled_at_utc',
  'last_request_at_utc',
  'job_id',
  'job_created_at_utc',
  'audio_id',
  'audio_name',
  'sender_external_id',
  'sender_environment',
  'test',
];

export function createHistory(deps: HistoryDeps): History {
  const inRange = (state: JobState, filter: HistoryFilter) => {
    if (filter.from && state.job.at < Date.parse(filter.from)) return false;
    if (filter.to && state.job.at >= Date.parse(filter.to)) return false;
    return true;
  };
  const storeJobs = (externalId: string) =>
    deps
      .jobs()
      .filter((state) => state.rows.has(externalId))
      .sort(newestFirst);
  const storeRow = (state: JobState, externalId: string): StoreHistoryRow => {
    const row = state.rows.get(externalId)!;
    const { job } = state;
    const scheduleAt = job.chunks[row.chunk]?.scheduleAt;
    return {
      jobId: job.id,
      audioId: job.audioId,
      ...(job.audioName ? { audioName: job.audioName } : {}),
      createdAt: iso(job.at),
      ...(scheduleAt ? { scheduleAt } : {}),
      status: row.status,
      ...(row.reason ? { reason: row.reason } : {}),
      ...(row.requestId ? { requestId: row.requestId } : {}),
      ...(row.sendId ? { sendId: row.sendId } : {}),
      ...(job.test ? { test: true } : {}),
      sender: job.sender,
    };
  };

  return {
    page(filter) {
      const matching = deps
        .jobs()
        .filter(
          (state) =>
            (!filter.audioId || state.job.audioId === filter.audioId) &&
            inRange(state, filter) &&
            (!filter.externalId || state.rows.has(filter.externalId)) &&
            (!filter.status || historyStatusOf(state) === filter.status),
        )
        .sort(newestFirst);
      return {
        jobs: matching
          .slice(filter.offset, filter.offset + filter.limit)
          .map((state) => deps.summary(state)),
        total: matching.length,
        historyDays: deps.historyDays(),
      };
    },
    storeHistory(externalId, page) {
      const jobs = storeJobs(externalId);
      return {
        externalId,
        rows: jobs
          .slice(page.offset, page.offset + page.limit)
          .map((state) => storeRow(state, externalId)),
        total: jobs.length,
      };
    },
    exportJob(jobId) {
      const state = deps.get(jobId);
      if (!state) throw notFound();
      const { job } = state;
      const rows = [...state.rows.values()].map((row) => [
        row.externalId,
        row.status,
        row.reason ?? '',
        row.requestId ?? '',
        row.sendId ?? '',
        job.chunks[row.chunk]?.scheduleAt ?? '',
        iso(row.at),
        job.id,
        iso(job.at),
        job.audioId,
        job.audioName ?? '',
        job.sender.externalId ?? '',
        job.sender.environment ?? '',
        job.test ? 'yes' : 'no',
      ]);
      return {
        fileName: `broadcast-${safePart(job.id)}.csv`,
        csv: toCsv(jobColumns, rows),
        rows: rows.length,
      };
    },
    exportStore(externalId) {
      // A store never sent anything exports just the header: an empty history is an answer.
      const jobs = storeJobs(externalId);
      const rows = jobs.map((state) => {
        const r = storeRow(state, externalId);
        return [
          externalId,
          r.status,
          r.reason ?? '',
          r.requestId ?? '',
          r.sendId ?? '',
          r.scheduleAt ?? '',
          iso(state.rows.get(externalId)?.at),
          r.jobId,
          r.createdAt,
          r.audioId,
          r.audioName ?? '',
          r.sender.externalId ?? '',
          r.sender.environment ?? '',
          r.test ? 'yes' : 'no',
        ];
      });
      return {
        fileName: `store-history-${safePart(externalId)}.csv`,
        csv: toCsv(jobColumns, rows),
        rows: rows.length,
      };
    },
  };
}
