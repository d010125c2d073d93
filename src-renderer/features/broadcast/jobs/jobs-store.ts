import { create } from 'zustand';
import type {
  BroadcastAction,
  BroadcastJob,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import { toApiError, type ApiError } from '../../../api/api-error.ts';
import { api, onEvent } from '../../../api/client.ts';
import { createStaleAnswerGuard, type StaleAnswerGuard } from '../../../api/stale-answer-guard.ts';
import { sortJobs } from './job-view-model.ts';

interface JobsState {
  /** Every job main knows, by ID. */
  byId: Record<string, BroadcastJob>;
  /** The same jobs in the order the list shows them (open first, then recent). */
  jobs: BroadcastJob[];
  loaded: boolean;
  loadError?: ApiError;
  /** The job and action being sent to main, while it is. */
  busy?: { jobId: string; action: BroadcastAction };
  actionError?: { jobId: string; error: ApiError };
  load: () => Promise<void>;
  /** A job main pushed (`broadcast.jobChanged`). */
  apply: (job: BroadcastJob) => void;
  control: (jobId: string, action: BroadcastAction, chunks?: number[]) => Promise<boolean>;
  clearActionError: () => void;
}

// A pushed job is newer than any answer to a request sent before it arrived: one guard for the
// whole list, one per job for the answers to actions.
const listAnswers = createStaleAnswerGuard();
const jobAnswers = new Map<string, StaleAnswerGuard>();
const guardOf = (jobId: string) => {
  let guard = jobAnswers.get(jobId);
  if (!guard) jobAnswers.set(jobId, (guard = createStaleAnswerGuard()));
  return guard;
};

const withJobs = (byId: Record<string, BroadcastJob>) => ({
  byId,
  jobs: sortJobs(Object.values(byId)),
});

/** Broadcast jobs, live: the Sending tab, the global indicator and notifications read this. */
export const useJobs = create<JobsState>((set, get) => ({
  byId: {},
  jobs: [],
  loaded: false,
  async load() {
    const fresh = listAnswers.begin();
    try {
      const list = await api.broadcast.jobs();
      const answered = Object.fromEntries(list.map((job) => [job.id, job]));
      // Jobs pushed while the list was on its way keep their pushed state.
      const byId = fresh() ? answered : { ...answered, ...get().byId };
      set({ ...withJobs(byId), loaded: true, loadError: undefined });
    } catch (error) {
      set({ loaded: true, loadError: toApiError(error) });
    }
  },
  apply(job) {
    listAnswers.pushed();
    guardOf(job.id).pushed();
    set(withJobs({ ...get().byId, [job.id]: job }));
  },
  async control(jobId, action, chunks) {
    const fresh = guardOf(jobId).begin();
    set({ busy: { jobId, action }, actionError: undefined });
    try {
      const job = await api.broadcast.control({ jobId, action, ...(chunks ? { chunks } : {}) });
      set({ busy: undefined });
      if (fresh()) set(withJobs({ ...get().byId, [job.id]: job }));
      return true;
    } catch (error) {
      set({ busy: undefined, actionError: { jobId, error: toApiError(error) } });
      return false;
    }
  },
  clearActionError: () => set({ actionError: undefined }),
}));

/** Follows main's pushes; `onChange` sees every pushed job (notifications hang off it). */
export function subscribeJobs(onChange?: (job: BroadcastJob) => void): () => void {
  return onEvent('broadcast.jobChanged', (job) => {
    useJobs.getState().apply(job);
    onChange?.(job);
  });
}

/** Forgets every job (tests, and leaving the demo for another account). */
export function resetJobs(): void {
  jobAnswers.clear();
  useJobs.setState({
    byId: {},
    jobs: [],
    loaded: false,
    loadError: undefined,
    busy: undefined,
    actionError: undefined,
  });
}
