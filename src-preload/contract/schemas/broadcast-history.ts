/**
 * Broadcast history: every job newest first, filtered; one store's announcements across jobs;
 * CSV export of a job or of a store's history. Jobs are kept for `broadcast.historyDays` (a
 * setting). No Node imports: the renderer shares these types.
 */
import { z } from 'zod';
import type { BroadcastJob, StoreStatus } from './broadcast.ts';

const JobId = z.string().regex(/^job_[A-Za-z0-9_]{1,64}$/);
const ExternalId = z.string().min(1).max(200);

/** A job's outcome as history filters it. */
export const historyStatuses = [
  'active',
  'complete',
  'with-failures',
  'with-unknown',
  'cancelled',
] as const;
export type HistoryStatus = (typeof historyStatuses)[number];

export const HistoryArgs = z.strictObject({
  audioId: z.string().max(128).optional(),
  /** Jobs created at or after / before these instants. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(historyStatuses).optional(),
  /** Jobs that included this store. */
  externalId: ExternalId.optional(),
  offset: z.number().int().min(0).max(1_000_000),
  limit: z.number().int().min(1).max(200),
});

export interface HistoryPage {
  jobs: BroadcastJob[];
  total: number;
  /** How long jobs are kept, in days. */
  historyDays: number;
}

export const StoreHistoryArgs = z.strictObject({
  externalId: ExternalId,
  offset: z.number().int().min(0).max(1_000_000),
  limit: z.number().int().min(1).max(500),
});

/** One announcement one store was sent (one row per job that included it). */
export interface StoreHistoryRow {
  jobId: string;
  audioId: string;
  audioName?: string;
  createdAt: string;
  /** When it plays there (scheduled jobs), UTC ISO-8601. */
  scheduleAt?: string;
  status: StoreStatus;
  reason?: string;
  requestId?: string;
  sendId?: string;
  test?: boolean;
  sender: BroadcastJob['sender'];
}

export interface StoreHistoryPage {
  externalId: string;
  rows: StoreHistoryRow[];
  total: number;
}

export const HistoryExportArgs = z.union([
  z.strictObject({ jobId: JobId }),
  z.strictObject({ externalId: ExternalId }),
]);

/** A CSV file's text (cells that a spreadsheet would run as a formula are quoted as text). */
export interface HistoryExport {
  fileName: string;
  csv: string;
  rows: number;
}
