import { create } from 'zustand';
import type { ConnectionStatus } from '../../src-preload/contract/schemas/connection.ts';
import { api, onEvent } from '../api/client.ts';
import { createStaleAnswerGuard } from '../api/stale-answer-guard.ts';

interface ConnectionStore {
  status?: ConnectionStatus;
  load: () => Promise<void>;
  recheck: () => Promise<void>;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

export const useConnection = create<ConnectionStore>((set) => ({
  async load() {
    const fresh = answers.begin();
    const status = await api.connection.status();
    if (fresh()) set({ status });
  },
  async recheck() {
    const fresh = answers.begin();
    const status = await api.connection.check();
    if (fresh()) set({ status });
  },
}));

export function subscribeConnection(): () => void {
  return onEvent('connection.changed', (status) => {
    answers.pushed();
    useConnection.setState({ status });
  });
}
