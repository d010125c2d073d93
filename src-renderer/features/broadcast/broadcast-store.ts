import { create } from 'zustand';
import { onEvent } from '../../api/client.ts';
import { createLibrarySlice, type LibrarySlice } from './library-slice.ts';
import { createServiceSlice, type ServiceSlice } from './service-slice.ts';
import { createUploadSlice, type UploadSlice } from './upload-slice.ts';
import { createUsageSlice, type UsageSlice } from './usage-slice.ts';

export type BroadcastTab = 'library' | 'compose' | 'jobs' | 'history' | 'upload' | 'usage';

interface NavigationSlice {
  tab: BroadcastTab;
  setTab: (tab: BroadcastTab) => void;
  /** The audio item "Send…" opened the composer with. */
  composeAudioId?: string;
  /** Opens the composer, with an audio item already chosen when one is given. */
  compose: (audioId?: string) => void;
  /** The job the live view shows (the one just started, or one picked from the list). */
  focusedJobId?: string;
  openJob: (jobId: string) => void;
}

export type BroadcastStore = ServiceSlice &
  LibrarySlice &
  UploadSlice &
  UsageSlice &
  NavigationSlice;

/** The broadcaster's one store, in slices: service and quota, library, uploads, usage log. */
export const useBroadcast = create<BroadcastStore>()((...args) => ({
  ...createServiceSlice(...args),
  ...createLibrarySlice(...args),
  ...createUploadSlice(...args),
  ...createUsageSlice(...args),
  tab: 'library',
  setTab: (tab) => args[0]({ tab }),
  compose: (audioId) => args[0]({ tab: 'compose', composeAudioId: audioId }),
  openJob: (jobId) => args[0]({ tab: 'jobs', focusedJobId: jobId }),
}));

/** Main pushes library changes, quota figures and upload progress. */
export function subscribeBroadcast(): () => void {
  const offs = [
    onEvent('musique.libraryChanged', (library) => useBroadcast.setState({ library })),
    onEvent('musique.quotaChanged', (quota) => useBroadcast.setState({ quota })),
    onEvent('musique.uploadProgress', (progress) =>
      useBroadcast.getState().applyUploadProgress(progress),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
