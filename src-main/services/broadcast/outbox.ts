/**
 * The outbox: durable broadcast jobs, sent chunk by chunk through the governor, each store's
 * fate on disk before and after every request. One process drives it (the instance lock); a
 * job resumes by itself after a crash or restart, its interrupted requests turned unknown and
 * reconciled first. See journal.ts (storage), state.ts (rows), classify.ts (the no-duplicate
 * rule) and reconcile.ts.
 */
import { randomBytes } from 'node:crypto';
import { appError, isAbortError } from '../core/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { Governor, GovernorClock, MusiqueApi } from '../musique/musique-feature.ts';
import { classifySendFailure } from './classify.ts';
import type { InstanceLock } from './instance-lock.ts';
import type { JobStore } from './job-store.ts';
import type { PlannedChunk } from './plan.ts';
import {
  checkStartable,
  describePlan,
  prepare,
  type BroadcastPlan,
  type BroadcastRequest,
  type StoreDirectoryPort,
} from './prepare.ts';
import type { ControlAction, FailureFacts, JobRecord, JournalRecord } from './records.ts';
import { reconcile } from './reconcile.ts';
import { createProgress } from './progress.ts';
import { nextChunk, type JobState, type StoreRow, type StoreStatus } from './state.ts';
import { summarize, type JobSummary } from './summary.ts';

export type {
  BroadcastPlan,
  BroadcastRequest,
  DirectoryStore,
  StoreDirectoryPort,
} from './prepare.ts';

/** The Musique account in use: its API, and who it is (recorded with every job). */
export interface SendSession {
  api: MusiqueApi;
  sender: { externalId?: string; environment?: string; host: string };
}

export interface Outbox {
  /** Reads the journals, takes the lock, and resumes unfinished jobs. */
  start(): Promise<void>;
  plan(request: BroadcastRequest): BroadcastPlan;
  create(request: BroadcastRequest): Promise<JobSummary>;
  control(jobId: string, action: ControlAction, chunks?: number[]): Promise<JobSummary>;
  list(): JobSummary[];
  /** One job as the renderer sees it. */
  summaryOf(jobId: string): JobSummary;
  rows(
    jobId: string,
    page: { offset: number; limit: number; status?: StoreStatus },
  ): { rows: StoreRow[]; total: number };
  /** Resolves when nothing is left to do right now (tests, shutdown). */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export interface OutboxDeps {
  store: JobStore;
  lock: InstanceLock;
  directory: StoreDirectoryPort;
  session(): SendSession | undefined;
  governor: Governor;
  clock: GovernorClock;
  log: Logger;
  /** Progress of one job (throttled here: at most one per job per `progressMs`). */
  emit?(summary: JobSummary): void;
  progressMs?: number;
  sendTimeoutMs?: number;
}

const refuse = (code: string, message: string, action: string) =>
  appError(code, message, { action });

export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, lock, clock, log } = deps;
  const stopped = new Map<string, FailureFacts>();
  const lifetime = new AbortController();
  let driving: Promise<void> | undefined;
  let again = false;
  const progress = createProgress<JobSummary>(
    deps.emit && ((job) => deps.emit?.(job)),
    deps.progressMs ?? 250,
  );

  const summary = (state: JobState) => summarize(state, stopped.get(state.job.id));
  const publish = (state: JobState, now = false) =>
    progress.publish(state.job.id, () => summary(state), now);

  const job = (id: string) => {
    const state = store.get(id);
    if (!state)
      throw refuse(
        'job_not_found',
        'There is no such broadcast.',
        'Reload the list of broadcasts.',
      );
    return state;
  };

  /** Writes a record; when the disk refuses, the job stops (nothing more is sent for it). */
  async function write(state: JobState, record: JournalRecord): Promise<boolean> {
    try {
      await store.append(state, record);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      stopped.set(state.job.id, {
        code: code === 'ENOSPC' ? 'disk_full' : 'journal_unwritable',
        message:
          code === 'ENOSPC'
            ? 'The disk is full, so Aislecast stopped this broadcast before sending anything it could not record.'
            : `Aislecast could not record this broadcast's progress (${code ?? 'write failed'}), so it stopped sending.`,
      });
      log.error({ job: state.job.id, code }, 'outbox: journal write failed; job stopped');
      publish(state, true);
      return false;
    }
  }

  async function settleUnknowns(state: JobState, session: SendSession) {
    if (state.unknown.size === 0) return;
    try {
      const records = await reconcile(state, session.api, store.knownRequestIds(), clock.now());
      for (const record of records) if (!(await write(state, record))) return;
    } catch (error) {
      log.info(
        { job: state.job.id, error: String(error) },
        'outbox: reconciliation not possible now',
      );
    }
  }

  async function sendOne(state: JobState, session: SendSession) {
    // While the job waits for the quota or a Retry-After, it says so (and until when).
    const stopListening = deps.governor.onWait((wait) => {
      if (state.waiting?.window === wait.window && state.waiting.resumesAt === wait.resumesAt)
        return;
      void write(state, { type: 'waiting', at: clock.now(), ...wait }).then(
        (ok) => ok && publish(state, true),
      );
    });
    try {
      // Waited out before the attempt is recorded: the stores stay pending, a pause or cancel
      // during a long wait takes effect, and a crash meanwhile leaves nothing unknown.
      if (
        !(await deps.governor.whenReady(lifetime.signal).then(
          () => true,
          () => false,
        ))
      )
        return;
      const next = runnable(state) ? nextChunk(state) : undefined;
      if (next) await sendChunk(state, session, next);
    } finally {
      stopListening();
    }
  }

  async function sendChunk(
    state: JobState,
    session: SendSession,
    next: { chunk: number; externalIds: string[] },
  ) {
    const planned = state.job.chunks[next.chunk] as PlannedChunk;
    const attempt = (state.attempts.get(next.chunk) ?? 0) + 1;
    if (
      !(await write(state, {
        type: 'attempt',
        at: clock.now(),
        chunk: next.chunk,
        attempt,
        externalIds: next.externalIds,
      }))
    )
      return;
    publish(state);
    const { options } = state.job;
    let verdict: ReturnType<typeof classifySendFailure>;
    try {
      const receipt = await session.api.send(
        state.job.audioId,
        {
          externalIds: next.externalIds,
          ...(planned.scheduleAt ? { scheduleAt: planned.scheduleAt } : {}),
          ...(options.priority ? { priority: options.priority } : {}),
          ...(options.repeat !== undefined ? { repeat: options.repeat } : {}),
          ...(options.volume !== undefined ? { volume: options.volume } : {}),
        },
        {
          signal: lifetime.signal,
          ...(deps.sendTimeoutMs ? { timeoutMs: deps.sendTimeoutMs } : {}),
        },
      );
      verdict = {
        outcome: {
          result: 'sent',
          ...(receipt.requestId ? { requestId: receipt.requestId } : {}),
          ...(receipt.sendId ? { sendId: receipt.sendId } : {}),
        },
      };
    } catch (error) {
      // Shutting down mid-request: the attempt stays open and is reconciled at the next start.
      if (lifetime.signal.aborted || isAbortError(error)) return;
      verdict = classifySendFailure(error, next.externalIds);
    }
    const outcome = {
      type: 'outcome',
      at: clock.now(),
      chunk: next.chunk,
      attempt,
      ...verdict.outcome,
    } as JournalRecord;
    if (!(await write(state, outcome))) return;
    if (verdict.outcome.result === 'unknown') await settleUnknowns(state, session);
    if (verdict.pause)
      await write(state, {
        type: 'control',
        at: clock.now(),
        action: 'pause',
        reason: verdict.pause,
      });
    publish(state);
    if (verdict.backOff) {
      const trouble = (state.attempts.get(next.chunk) ?? 1) - 1;
      await clock.sleep(deps.governor.backoff(trouble), lifetime.signal).catch(() => undefined);
    }
  }

  function runnable(state: JobState) {
    return !state.paused && !stopped.has(state.job.id) && nextChunk(state) !== undefined;
  }

  async function drive() {
    do {
      again = false;
      for (;;) {
        if (lifetime.signal.aborted || !lock.held()) return;
        const state = store.jobs().find(runnable);
        if (!state) break;
        const session = deps.session();
        if (!session) {
          await write(state, {
            type: 'control',
            at: clock.now(),
            action: 'pause',
            reason: { code: 'not_connected', message: 'No Musique account is connected.' },
          });
          publish(state, true);
          continue;
        }
        if (nextChunk(state)) await sendOne(state, session);
        // The last chunk is done: Musique's records may by now settle what was unknown.
        if (!nextChunk(state)) await settleUnknowns(state, session);
        if (!runnable(state)) publish(state, true);
      }
    } while (again);
  }

  const kick = () => {
    again = true;
    driving ??= drive()
      .catch((error: unknown) => log.error({ error: String(error) }, 'outbox: driver failed'))
      .finally(() => {
        driving = undefined;
      });
  };

  const outbox: Outbox = {
    async start() {
      await store.load();
      if (!(await lock.acquire())) {
        log.info('outbox: another instance drives the outbox; this one only reads it');
        return;
      }
      for (const state of store.jobs()) {
        // Requests cut off by the last exit may or may not have reached Musique.
        for (const open of [...state.open.values()])
          await write(state, {
            type: 'outcome',
            at: clock.now(),
            chunk: open.chunk,
            attempt: open.attempt,
            result: 'unknown',
            error: {
              code: 'interrupted',
              message: 'Aislecast stopped while this request was in flight.',
            },
          });
        const session = deps.session();
        if (session) await settleUnknowns(state, session);
      }
      kick();
    },
    plan(request) {
      const now = clock.now();
      const prepared = prepare(request, deps.directory, now);
      return {
        ...describePlan(prepared, now),
        forecast: deps.governor.forecast(prepared.chunks.length),
      };
    },
    async create(request) {
      if (!lock.held() && !(await lock.acquire()))
        throw refuse(
          'outbox_busy',
          'Another Aislecast window or instance is sending broadcasts.',
          'Use that one, or close it and try again.',
        );
      const now = clock.now();
      const prepared = prepare(request, deps.directory, now);
      checkStartable(request, prepared, now);
      const { chunks, chunkSize, skipped } = prepared;
      const session = deps.session();
      if (!session)
        throw refuse(
          'not_connected',
          'No Musique account is connected.',
          'Connect one in Settings → Musique.',
        );
      let baselineRecipients: number | undefined;
      if (request.schedule.kind === 'now')
        baselineRecipients = (await session.api.get(request.audioId)).stats.totalRecipients;
      const record: JobRecord = {
        type: 'job',
        id: `job_${new Date(clock.now())
          .toISOString()
          .replace(/[-:.TZ]/g, '')
          .slice(0, 14)}_${randomBytes(3).toString('hex')}`,
        at: clock.now(),
        audioId: request.audioId,
        ...(request.audioName ? { audioName: request.audioName } : {}),
        schedule: request.schedule,
        options: request.options,
        chunkSize,
        chunks,
        sender: session.sender,
        ...(baselineRecipients !== undefined ? { baselineRecipients } : {}),
        ...(request.test ? { test: true } : {}),
        ...(skipped > 0 ? { skipped } : {}),
      };
      let state: JobState;
      try {
        state = await store.create(record);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw refuse(
          code === 'ENOSPC' ? 'disk_full' : 'journal_unwritable',
          'Aislecast could not record this broadcast on disk, so nothing was sent.',
          code === 'ENOSPC'
            ? 'Free some disk space and try again.'
            : 'Check the disk and try again.',
        );
      }
      kick();
      return summary(state);
    },
    async control(jobId, action, chunks) {
      const state = job(jobId);
      if (action === 'resume') stopped.delete(jobId);
      if (
        !(await write(state, {
          type: 'control',
          at: clock.now(),
          action,
          ...(chunks ? { chunks } : {}),
        }))
      )
        throw refuse(
          'journal_unwritable',
          'Aislecast could not record this on disk.',
          'Free some disk space and try again.',
        );
      publish(state, true);
      kick();
      return summary(state);
    },
    list: () => store.jobs().map(summary),
    summaryOf: (jobId) => summary(job(jobId)),
    rows(jobId, page) {
      const all = [...job(jobId).rows.values()].filter(
        (row) => !page.status || row.status === page.status,
      );
      return { rows: all.slice(page.offset, page.offset + page.limit), total: all.length };
    },
    async idle() {
      while (driving) await driving;
    },
    async dispose() {
      lifetime.abort(new DOMException('The outbox is shutting down.', 'AbortError'));
      await driving;
      progress.dispose();
      await lock.release();
    },
  };
  return outbox;
}
