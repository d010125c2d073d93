import { create } from 'zustand';
import type { DamagedFileNotice } from '../../src-preload/contract/schemas/app.ts';
import { api, onEvent } from '../api/client.ts';
import { createStaleAnswerGuard } from '../api/stale-answer-guard.ts';

interface DamagedFilesStore {
  notices: DamagedFileNotice[];
  load: () => Promise<void>;
  dismiss: (id: string) => Promise<void>;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

export const useDamagedFiles = create<DamagedFilesStore>((set) => ({
  notices: [],
  async load() {
    const fresh = answers.begin();
    const notices = await api.app.damagedFiles();
    if (fresh()) set({ notices });
  },
  async dismiss(id) {
    const fresh = answers.begin();
    const notices = await api.app.dismissDamagedFile({ id });
    if (fresh()) set({ notices });
  },
}));

export function subscribeDamagedFiles(): () => void {
  return onEvent('app.damagedFilesChanged', (notices) => {
    answers.pushed();
    useDamagedFiles.setState({ notices });
  });
}
