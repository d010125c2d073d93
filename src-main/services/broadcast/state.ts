/**
 * A job as its journal tells it: every store's row and every chunk's unknown attempts, rebuilt
 * by replaying the records in order. Pure; the engine applies each record as it writes it.
 */
import type {
  JobCounts,
  JobPhase,
  StoreRow,
  StoreStatus,
} from '../../../src-preload/contract/schemas/broadcast.ts';
import type {
  AttemptRecord,
  FailureFacts,
  JobRecord,
  JournalRecord,
  WaitRecord,
} from './records.ts';

export type { JobCounts, JobPhase, StoreRow, StoreStatus };

/** An attempt whose answer never came (or said nothing certain): the facts to show. */
export interface UnknownAttempt {
  chunk: number;
  attempt: number;
  at: number;
  externalIds: string[];
  requestId?: string;
  error: FailureFacts;
  /** The user chose to leave it unknown: the job stops asking. */
  left?: boolean;
}

export interface JobState {
  job: JobRecord;
  rows: Map<string, StoreRow>;
  /** Attempts written but not answered yet (in flight, or cut off by a crash). */
  open: Map<number, AttemptRecord>;
  unknown: Map<string, UnknownAttempt>;
  attempts: Map<number, number>;
  paused: boolean;
  pauseReason?: FailureFacts;
  updatedAt: number;
  /** Kept up to date row by row, so summaries and history never count 10,000 rows again. */
  counts: JobCounts;
  /** When the last store reached a final status (cleared when stores become pending again). */
  finishedAt?: number;
  /** The governor holds the job until `resumesAt` (cleared by the next request's answer). */
  waiting?: { window: WaitRecord['window']; resumesAt: number };
}

export const attemptKey = (chunk: number, attempt: number) => `${chunk}:${attempt}`;

export function createState(job: JobRecord): JobState {
  const rows = new Map<string, StoreRow>();
  for (const chunk of job.chunks)
    for (const externalId of chunk.externalIds)
      rows.set(externalId, { externalId, chunk: chunk.index, status: 'pending' });
  const counts = emptyCounts();
  counts.total = counts.pending = rows.size;
  return {
    job,
    rows,
    open: new Map(),
    unknown: new Map(),
    attempts: new Map(),
    paused: false,
    updatedAt: job.at,
    counts,
    // A job with no stores at all has nothing to wait for.
    ...(rows.size === 0 ? { finishedAt: job.at } : {}),
  };
}

const emptyCounts = (): JobCounts => ({
  total: 0,
  pending: 0,
  inFlight: 0,
  sent: 0,
  failed: 0,
  unknown: 0,
  cancelled: 0,
});

const countKey = (status: StoreStatus): Exclude<keyof JobCounts, 'total'> =>
  status === 'in-flight' ? 'inFlight' : status;

function setRows(state: JobState, ids: string[], update: Partial<StoreRow>, only?: StoreStatus[]) {
  for (const id of ids) {
    const row = state.rows.get(id);
    if (!row || (only && !only.includes(row.status))) continue;
    const next: StoreRow = {
      externalId: row.externalId,
      chunk: row.chunk,
      status: row.status,
      ...update,
    };
    if (update.at === undefined && row.at !== undefined) next.at = row.at;
    state.rows.set(id, next);
    state.counts[countKey(row.status)]--;
    state.counts[countKey(next.status)]++;
  }
}

export function applyRecord(state: JobState, record: JournalRecord): void {
  state.updatedAt = Math.max(state.updatedAt, record.at);
  applyOne(state, record);
  const active = state.counts.pending + state.counts.inFlight;
  if (active > 0) delete state.finishedAt;
  else state.finishedAt ??= record.at;
}

function applyOne(state: JobState, record: JournalRecord): void {
  switch (record.type) {
    case 'job':
      return;
    case 'waiting':
      state.waiting = { window: record.window, resumesAt: record.resumesAt };
      return;
    case 'attempt':
      // The request goes out: whatever held the job back is over.
      delete state.waiting;
      state.open.set(record.chunk, record);
      state.attempts.set(
        record.chunk,
        Math.max(state.attempts.get(record.chunk) ?? 0, record.attempt),
      );
      setRows(state, record.externalIds, { status: 'in-flight', at: record.at });
      return;
    case 'outcome': {
      const attempt = state.open.get(record.chunk);
      if (!attempt || attempt.attempt !== record.attempt) return;
      state.open.delete(record.chunk);
      // An answer came: whatever held the job back is over.
      delete state.waiting;
      const ids = attempt.externalIds;
      const requestId = record.requestId ? { requestId: record.requestId } : {};
      if (record.result === 'sent') {
        setRows(state, ids, {
          status: 'sent',
          ...requestId,
          ...(record.sendId ? { sendId: record.sendId } : {}),
        });
      } else if (record.result === 'unknown') {
        state.unknown.set(attemptKey(record.chunk, record.attempt), {
          chunk: record.chunk,
          attempt: record.attempt,
          at: attempt.at,
          externalIds: ids,
          ...requestId,
          error: record.error,
        });
        setRows(state, ids, { status: 'unknown', reason: record.error.message, ...requestId });
      } else {
        const failed = new Map((record.failed ?? []).map((f) => [f.externalId, f.reason]));
        for (const id of ids) {
          const reason = failed.get(id);
          setRows(
            state,
            [id],
            reason ? { status: 'failed', reason, ...requestId } : { status: 'pending' },
          );
        }
      }
      return;
    }
    case 'reconciled': {
      const key = attemptKey(record.chunk, record.attempt);
      const unknown = state.unknown.get(key);
      if (!unknown) return;
      state.unknown.delete(key);
      const requestId = record.requestId ? { requestId: record.requestId } : {};
      setRows(
        state,
        unknown.externalIds,
        record.result === 'sent'
          ? {
              status: 'sent',
              reason: `confirmed by the ${record.how === 'usage-log' ? 'usage log' : 'audio statistics'}`,
              ...requestId,
            }
          : { status: 'pending' },
        ['unknown'],
      );
      return;
    }
    case 'control':
      // Paused or cancelled, the job no longer waits for the quota.
      if (record.action === 'pause' || record.action === 'cancel') delete state.waiting;
      switch (record.action) {
        case 'pause':
          state.paused = true;
          if (record.reason) state.pauseReason = record.reason;
          else delete state.pauseReason;
          return;
        case 'resume':
          state.paused = false;
          delete state.pauseReason;
          return;
        case 'cancel':
          for (const row of state.rows.values())
            if (row.status === 'pending')
              setRows(state, [row.externalId], {
                status: 'cancelled',
                reason: 'cancelled before it was sent',
              });
          return;
        case 'retryFailed':
          for (const row of state.rows.values())
            if (row.status === 'failed' || row.status === 'cancelled')
              setRows(state, [row.externalId], { status: 'pending' });
          return;
        case 'resendUnknown':
          for (const [key, unknown] of state.unknown) {
            if (record.chunks && !record.chunks.includes(unknown.chunk)) continue;
            state.unknown.delete(key);
            setRows(state, unknown.externalIds, { status: 'pending' }, ['unknown']);
          }
          return;
        case 'leaveUnknown':
          for (const unknown of state.unknown.values())
            if (!record.chunks || record.chunks.includes(unknown.chunk)) unknown.left = true;
          return;
      }
  }
}

/** After a crash: every attempt without an answer may or may not have reached Musique. */
export function interruptedAttempts(state: JobState): AttemptRecord[] {
  return [...state.open.values()];
}

export function countsOf(state: JobState): JobCounts {
  return { ...state.counts };
}

export function phaseOf(state: JobState, counts = countsOf(state)): JobPhase {
  if (counts.pending > 0 || counts.inFlight > 0) return state.paused ? 'paused' : 'running';
  // Unknown stores the user chose to leave unknown no longer hold the job open.
  const asking = [...state.unknown.values()].some((unknown) => !unknown.left);
  return counts.unknown > 0 && asking ? 'needs-attention' : 'done';
}

/** The chunks with stores still to send, in order, and those stores. */
export function nextChunk(state: JobState): { chunk: number; externalIds: string[] } | undefined {
  for (const planned of state.job.chunks) {
    const ids = planned.externalIds.filter((id) => state.rows.get(id)?.status === 'pending');
    if (ids.length > 0) return { chunk: planned.index, externalIds: ids };
  }
  return undefined;
}
