/** What the outbox journal holds, one record per line. */
import type {
  FailureFacts,
  Schedule,
  SendOptions,
} from '../../../src-preload/contract/schemas/broadcast.ts';
import type { PlannedChunk } from './plan.ts';

export type { FailureFacts, SendOptions };

export interface JobRecord {
  type: 'job';
  id: string;
  at: number;
  audioId: string;
  audioName?: string;
  schedule: Schedule;
  options: SendOptions;
  chunkSize: number;
  chunks: PlannedChunk[];
  /** Who sent it: the token's External ID and environment (`prod`, `test`…), and where. */
  sender: { externalId?: string; environment?: string; host: string; demo?: boolean };
  /** The audio's `stats.totalRecipients` before the first request, for reconciling. */
  baselineRecipients?: number;
  /** A test send to one test store (absent in journals written before test sends existed). */
  test?: boolean;
  /** Stores left out because their local time had passed (`ifPassed: 'skip'`). */
  skipped?: number;
}

export interface AttemptRecord {
  type: 'attempt';
  at: number;
  chunk: number;
  attempt: number;
  externalIds: string[];
}

export type OutcomeRecord = {
  type: 'outcome';
  at: number;
  chunk: number;
  attempt: number;
  requestId?: string;
} & (
  | { result: 'sent'; sendId?: string; note?: string }
  /** Musique refused, nothing was sent: these stores go back to pending (or fail). */
  | {
      result: 'refused';
      error: FailureFacts;
      failed?: Array<{ externalId: string; reason: string }>;
    }
  /** The request may have reached Musique: never resent without reconciling or asking. */
  | { result: 'unknown'; error: FailureFacts }
);

export type ControlAction =
  'pause' | 'resume' | 'cancel' | 'retryFailed' | 'resendUnknown' | 'leaveUnknown';

export interface ControlRecord {
  type: 'control';
  at: number;
  action: ControlAction;
  /** For `resendUnknown` / `leaveUnknown`: the chunks the user chose. */
  chunks?: number[];
  /** Why the engine paused it by itself (token revoked, permission missing, audio gone). */
  reason?: FailureFacts;
}

/** An unknown attempt settled from Musique's own records. */
export interface ReconcileRecord {
  type: 'reconciled';
  at: number;
  chunk: number;
  attempt: number;
  result: 'sent' | 'not-sent';
  how: 'usage-log' | 'audio-stats';
  requestId?: string;
}

/**
 * The governor holds the job back (a rate window is used up, or Musique's `Retry-After`) until
 * `resumesAt`; the next request's answer clears it.
 */
export interface WaitRecord {
  type: 'waiting';
  at: number;
  window: 'minute' | 'hour' | 'day' | 'retryAfter';
  resumesAt: number;
}

export type JournalRecord =
  JobRecord | AttemptRecord | OutcomeRecord | ControlRecord | ReconcileRecord | WaitRecord;
