import { create } from 'zustand';
import type { ConnectionStatus } from '../../src-preload/contract/schemas/connection.ts';
import { api, onEvent } from '../api/client.ts';

interface ConnectionStore {
  status?: ConnectionStatus;
  load: () => Promise<void>;
  recheck: () => Promise<void>;
}

// A pushed event is newer than any answer to a request sent before it arrived.
let pushes = 0;

export const useConnection = create<ConnectionStore>((set) => ({
  async load() {
    const before = pushes;
    const status = await api.connection.status();
    if (before === pushes) set({ status });
  },
  async recheck() {
    const before = pushes;
    const status = await api.connection.check();
    if (before === pushes) set({ status });
  },
}));

export function subscribeConnection(): () => void {
  return onEvent('connection.changed', (status) => {
    pushes++;
    useConnection.setState({ status });
  });
}
