import { create } from 'zustand';
import type { DemoStatus } from '../../../src-preload/contract/schemas/demo.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { createStaleAnswerGuard } from '../../api/stale-answer-guard.ts';

interface DemoStore {
  status: DemoStatus;
  /**
   * How far Musique's clock is ahead of this PC's: the demo sandbox's, measured when its status
   * arrives (it moves when the demo clock is moved forward); 0 outside the demo.
   */
  clockOffsetMs: number;
  error?: ApiError;
  load: () => Promise<void>;
  start: () => Promise<boolean>;
  stop: (then: 'welcome' | 'accounts') => Promise<boolean>;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

export const useDemo = create<DemoStore>((set) => ({
  status: { active: false, busy: false },
  clockOffsetMs: 0,
  async load() {
    const fresh = answers.begin();
    const status = await api.demo.status();
    if (fresh()) set({ status });
  },
  async start() {
    set({ error: undefined });
    try {
      set({ status: await api.demo.start() });
      return true;
    } catch (error) {
      set({ error: toApiError(error) });
      return false;
    }
  },
  async stop(then) {
    set({ error: undefined });
    try {
      set({ status: await api.demo.stop({ then }) });
      return true;
    } catch (error) {
      set({ error: toApiError(error) });
      return false;
    }
  },
}));

// Every new status re-measures the offset, wherever it was set from.
useDemo.subscribe((state, previous) => {
  if (state.status === previous.status) return;
  const { active, clock } = state.status;
  const clockOffsetMs = active && clock !== undefined ? clock - Date.now() : 0;
  if (clockOffsetMs !== state.clockOffsetMs) useDemo.setState({ clockOffsetMs });
});

/** The time Musique judges schedules by: the demo's clock while it runs, else this PC's. */
export const serviceNow = (): number => Date.now() + useDemo.getState().clockOffsetMs;

export function subscribeDemo(): () => void {
  return onEvent('demo.changed', (status) => {
    answers.pushed();
    useDemo.setState({ status });
  });
}
