import { create } from 'zustand';
import type { DemoStatus } from '../../../src-preload/contract/schemas/demo.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';

interface DemoStore {
  status: DemoStatus;
  error?: ApiError;
  load: () => Promise<void>;
  start: () => Promise<boolean>;
  stop: (then: 'welcome' | 'accounts') => Promise<boolean>;
}

let pushes = 0;

export const useDemo = create<DemoStore>((set) => ({
  status: { active: false, busy: false },
  async load() {
    const before = pushes;
    const status = await api.demo.status();
    if (before === pushes) set({ status });
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
    pushes++;
    useDemo.setState({ status });
  });
}
