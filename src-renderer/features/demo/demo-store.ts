import { create } from 'zustand';
import type { DemoStatus } from '../../../src-preload/contract/schemas/demo.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { createStaleAnswerGuard } from '../../api/stale-answer-guard.ts';

interface DemoStore {
  status: DemoStatus;
  error?: ApiError;
  load: () => Promise<void>;
  start: () => Promise<boolean>;
  stop: (then: 'welcome' | 'accounts') => Promise<boolean>;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

export const useDemo = create<DemoStore>((set) => ({
  status: { active: false, busy: false },
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

export function subscribeDemo(): () => void {
  return onEvent('demo.changed', (status) => {
    answers.pushed();
    useDemo.setState({ status });
  });
}
