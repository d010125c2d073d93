/**
 * Broadcasts: plan and forecast a send, start it, control it, list jobs and page through one
 * job's per-store rows (10,000 rows never cross IPC at once). Targets are External IDs from
 * the store directory. No Node imports: the renderer shares these types.
 */
import { z } from 'zod';

const ExternalId = z.string().min(1).max(200);
const JobId = z.string().regex(/^job_[A-Za-z0-9_]{1,64}$/);

export const ScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('now') }),
  /** One instant for every store, UTC (or with an offset); one already past is refused. */
  z.strictObject({ kind: z.literal('at'), at: z.iso.datetime({ offset: true }) }),
  /** The same wall-clock time in each store's own time zone. */
  z.strictObject({
    kind: z.literal('local'),
    localTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
    /**
     * What to do with the zones where that local time has already passed: send them now, move
     * them to the same time the next day, or leave them out. Absent: such a send is refused
     * (`schedule_in_past`, with the zones in its details) and the plan lists them in `passed`.
     */
    ifPassed: z.enum(['now', 'nextDay', 'skip']).optional(),
  }),
]);
export type PassedChoice = 'now' | 'nextDay' | 'skip';
export type Schedule = z.infer<typeof ScheduleSchema>;

export const SendOptionsSchema = z.strictObject({
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  repeat: z.number().int().min(1).max(10).optional(),
  volume: z.number().int().min(0).max(100).optional(),
});
export type SendOptions = z.infer<typeof SendOptionsSchema>;

export const BroadcastArgs = z.strictObject({
  audioId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  audioName: z.string().max(500).optional(),
  externalIds: z.array(ExternalId).min(1).max(20_000),
  schedule: ScheduleSchema,
  options: SendOptionsSchema,
  /** Stores per request: default 100, at most 500. */
  chunkSize: z.number().int().min(1).max(500).optional(),
  /** A test send: exactly one store, and it must be marked as a test store in the directory. */
  test: z.boolean().optional(),
});
export type BroadcastRequestArgs = z.infer<typeof BroadcastArgs>;

export const broadcastActions = [
  'pause',
  'resume',
  'cancel',
  'retryFailed',
  'resendUnknown',
  'leaveUnknown',
] as const;
export type BroadcastAction = (typeof broadcastActions)[number];

export const BroadcastControlArgs = z.strictObject({
  jobId: JobId,
  action: z.enum(broadcastActions),
  /**
   * `resendUnknown` / `leaveUnknown` only: the chunks the user chose (default: all unknown
   * ones). Left unknown, their stores keep that status; the job no longer asks about them.
   */
  chunks: z.array(z.number().int().min(0).max(100_000)).max(1000).optional(),
});

export const storeStatuses = [
  'pending',
  'in-flight',
  'sent',
  'failed',
  'unknown',
  'cancelled',
] as const;
export type StoreStatus = (typeof storeStatuses)[number];

export const BroadcastRowsArgs = z.strictObject({
  jobId: JobId,
  offset: z.number().int().min(0).max(1_000_000),
  limit: z.number().int().min(1).max(500),
  status: z.enum(storeStatuses).optional(),
});

export interface StoreRow {
  externalId: string;
  chunk: number;
  status: StoreStatus;
  /** Why it failed, or what is unknown about it. */
  reason?: string;
  requestId?: string;
  sendId?: string;
  /** When its last request went out (ms since the epoch). */
  at?: number;
}

export interface RowsPage {
  rows: StoreRow[];
  total: number;
}

export interface FailureFacts {
  code: string;
  message: string;
  status?: number;
  requestId?: string;
}

export interface JobCounts {
  total: number;
  pending: number;
  inFlight: number;
  sent: number;
  failed: number;
  unknown: number;
  cancelled: number;
}

export type JobPhase = 'running' | 'paused' | 'needs-attention' | 'done';

export interface UnknownChunkView {
  chunk: number;
  attempt: number;
  sentAt: string;
  stores: number;
  requestId?: string;
  error: FailureFacts;
  /** "Sent at 14:02:11 UTC, no certain answer (…); request ID …; resend these 100 stores?" */
  question: string;
  /** The user chose to leave these stores unknown (they can still be resent). */
  left?: boolean;
}

export interface BroadcastJob {
  id: string;
  audioId: string;
  audioName?: string;
  createdAt: string;
  updatedAt: string;
  schedule: Schedule;
  options: SendOptions;
  /**
   * Who sent it: the token's External ID and environment, and the Musique host; `demo` when it
   * was sent to the built-in demo (history shows demo jobs only while the demo runs).
   */
  sender: { externalId?: string; environment?: string; host: string; demo?: boolean };
  chunkSize: number;
  requests: number;
  phase: JobPhase | 'stopped';
  counts: JobCounts;
  /** Why the engine paused it by itself (token revoked, permission missing, audio gone). */
  pauseReason?: FailureFacts;
  /** Why it stopped (its record could not be written): nothing unrecorded was sent. */
  stopped?: FailureFacts;
  unknown: UnknownChunkView[];
  /** A test send to one test store. */
  test?: boolean;
  /** The job is waiting for Musique's quota (or a Retry-After) before its next request. */
  waiting?: { window: 'minute' | 'hour' | 'day' | 'retryAfter'; resumesAt: number };
  /** When its last store reached a final status (sent, failed, cancelled or left unknown). */
  finishedAt?: string;
  /** Stores left out by the choice for zones whose local time had passed (`ifPassed: 'skip'`). */
  skipped?: number;
}

export interface SendForecast {
  requests: number;
  startsAt: number;
  finishesAt: number;
  withoutWaiting: number;
  waitsFor?: {
    window: 'minute' | 'hour' | 'day' | 'retryAfter';
    remaining: number;
    resumesAt: number;
  };
  /** "24 requests; starts now; done in about 2 minutes". */
  summary: string;
}

export interface BroadcastPlan {
  stores: number;
  requests: number;
  /** One per send time (one per time zone for a local-time schedule). */
  groups: Array<{
    scheduleAt?: string;
    timeZone?: string;
    /** The local time fell in a daylight-saving gap (moved forward) or overlap (first one). */
    adjusted?: 'gap' | 'overlap';
    stores: number;
    requests: number;
    /** This zone's local time had passed and `ifPassed` moved it: sent now or the next day. */
    moved?: 'now' | 'nextDay';
  }>;
  /** Distinct time zones and test stores among the targets (for "412 stores in 4 time zones"). */
  timeZones: number;
  testStores: number;
  /**
   * Local schedules: zones where the local time has already passed (before `ifPassed` is
   * applied), earliest first. The composer asks what to do with them.
   */
  passed: Array<{ timeZone: string; stores: number; scheduleAt: string }>;
  /** Stores left out by `ifPassed: 'skip'`. */
  skipped: number;
  /**
   * Stores whose opening hours say they are closed at their play time (only stores with known
   * hours for that day): the count, and the first 50 with what their hours say.
   */
  outsideHours: {
    count: number;
    /**
     * `playsAt`: the local wall-clock time there, `YYYY-MM-DDTHH:MM`; `hours`: the weekday and
     * that day's entry, e.g. `wed 10:00-20:00` or `sun closed`.
     */
    stores: Array<{ externalId: string; timeZone: string; playsAt: string; hours: string }>;
  };
  forecast: SendForecast;
}
