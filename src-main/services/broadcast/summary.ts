/** What the renderer sees of a job: counts, phase, and the facts about every unknown chunk. */
import type {
  BroadcastJob,
  FailureFacts,
  UnknownChunkView,
} from '../../../src-preload/contract/schemas/broadcast.ts';
import { countsOf, phaseOf, type JobState } from './state.ts';

export type JobSummary = BroadcastJob;
export type { UnknownChunkView };

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

export function summarize(state: JobState, stopped?: FailureFacts): JobSummary {
  const { job } = state;
  const counts = countsOf(state);
  const phase = phaseOf(state, counts);
  return {
    id: job.id,
    audioId: job.audioId,
    ...(job.audioName ? { audioName: job.audioName } : {}),
    createdAt: new Date(job.at).toISOString(),
    updatedAt: new Date(state.updatedAt).toISOString(),
    schedule: job.schedule,
    options: job.options,
    sender: job.sender,
    chunkSize: job.chunkSize,
    requests: job.chunks.length,
    phase: stopped && (phase === 'running' || phase === 'paused') ? 'stopped' : phase,
    counts,
    ...(state.pauseReason ? { pauseReason: state.pauseReason } : {}),
    ...(stopped ? { stopped } : {}),
    ...(job.test ? { test: true } : {}),
    ...(state.waiting ? { waiting: { ...state.waiting } } : {}),
    ...(state.finishedAt !== undefined
      ? { finishedAt: new Date(state.finishedAt).toISOString() }
      : {}),
    ...(job.skipped ? { skipped: job.skipped } : {}),
    unknown: [...state.unknown.values()]
      .sort((a, b) => a.chunk - b.chunk)
      .map((u) => ({
        chunk: u.chunk,
        attempt: u.attempt,
        sentAt: new Date(u.at).toISOString(),
        stores: u.externalIds.length,
        ...(u.requestId ? { requestId: u.requestId } : {}),
        error: u.error,
        question: `Sent at ${time(u.at)} UTC, ${u.error.code === 'interrupted' ? 'interrupted before an answer' : `no certain answer (${u.error.message})`}; request ID ${u.requestId ?? 'not received'}; resend these ${u.externalIds.length} stores?`,
        ...(u.left ? { left: true } : {}),
      })),
  };
}
