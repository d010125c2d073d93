import { create } from 'zustand';
import type { DamagedFileNotice } from '../../src-preload/contract/schemas/app.ts';
import { api, onEvent } from '../api/client.ts';

interface DamagedFilesStore {
  notices: DamagedFileNotice[];
  load: () => Promise<void>;
  dismiss: (id: string) => Promise<void>;
}

// A pushed event is newer than any answer to a request sent before it arrived.
let pushes = 0;

export const useDamagedFiles = create<DamagedFilesStore>((set) => ({
  notices: [],
  async load() {
    const before = pushes;
    const notices = await api.app.damagedFiles();
    if (before === pushes) set({ notices });
  },
  async dismiss(id) {
    const before = pushes;
    const notices = await api.app.dismissDamagedFile({ id });
    if (before === pushes) set({ notices });
  },
}));

export function subscribeDamagedFiles(): () => void {
  return onEvent('app.damagedFilesChanged', (notices) => {
    pushes++;
    useDamagedFiles.setState({ notices });
  });
}
