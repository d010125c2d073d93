import { create } from 'zustand';
import type { LibraryStatus, SyncProgress } from '../../../src-preload/contract/schemas/library.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { decodeSnapshot, type LibraryData } from './library-data.ts';
import {
  filterRows,
  searchNarrows,
  searchIndex,
  terms,
  warmSearchIndex,
} from './library-search.ts';
import { sortedTrackOrder, type SortColumn, type SortDirection } from './library-sort.ts';

export interface TrackSort {
  column: SortColumn;
  direction: SortDirection;
}

interface LibraryStore {
  status?: LibraryStatus;
  /** The running sync's progress, as pushed by main. */
  progress?: SyncProgress;
  data?: LibraryData;
  /** Reading the library from main failed. */
  loadError?: ApiError;
  /** A "Sync now" or "Cancel" call failed. */
  actionError?: ApiError;
  query: string;
  sort: TrackSort;
  /** Rows of the tracks view: filtered by `query`, ordered by `sort`. */
  view: number[];
  load: () => Promise<void>;
  setQuery: (query: string) => void;
  setSort: (sort: TrackSort) => void;
  sync: (mode?: 'auto' | 'full') => Promise<void>;
  cancelSync: () => Promise<void>;
}

const defaultSort: TrackSort = { column: 'artist', direction: 'asc' };

/** The last view, so typing one more letter filters the previous matches, not everything. */
let previous: { data: LibraryData; sort: TrackSort; query: string; rows: number[] } | undefined;

export function computeView(data: LibraryData, sort: TrackSort, query: string): number[] {
  const order = sortedTrackOrder(data, sort.column, sort.direction);
  const words = terms(query);
  let rows: number[];
  if (!words.length) rows = Array.from(order);
  else if (
    previous &&
    previous.data === data &&
    previous.sort.column === sort.column &&
    previous.sort.direction === sort.direction &&
    searchNarrows(previous.query, query)
  ) {
    rows = filterRows(previous.rows, searchIndex(data), words);
  } else rows = filterRows(order, searchIndex(data), words);
  previous = { data, sort, query, rows };
  return rows;
}

// Snapshot fetches never overlap; a change during one triggers exactly one more, unless the
// one under way already brought that revision (or a newer one).
let fetching: Promise<void> | undefined;
let again = false;
let wantedRevision = -1;
let stopWarming = () => {};

async function fetchSnapshot(revision?: number): Promise<void> {
  if (revision !== undefined) wantedRevision = Math.max(wantedRevision, revision);
  if (fetching) {
    again = true;
    return fetching;
  }
  fetching = (async () => {
    do {
      again = false;
      try {
        const snapshot = await api.library.snapshot();
        if (snapshot && snapshot.revision >= wantedRevision) again = false;
        const { sort, query } = useLibrary.getState();
        if (!snapshot) {
          useLibrary.setState({ data: undefined, view: [], loadError: undefined });
          continue;
        }
        const data = decodeSnapshot(snapshot);
        useLibrary.setState({ data, view: computeView(data, sort, query), loadError: undefined });
        stopWarming();
        stopWarming = warmSearchIndex(data);
      } catch (error) {
        useLibrary.setState({ loadError: toApiError(error) });
      }
    } while (again);
  })().finally(() => {
    fetching = undefined;
  });
  return fetching;
}

function applyStatus(status: LibraryStatus): void {
  const { data } = useLibrary.getState();
  useLibrary.setState({ status, ...(status.syncing ? {} : { progress: undefined }) });
  if (status.state === 'none') {
    if (data) useLibrary.setState({ data: undefined, view: [] });
    return;
  }
  if (status.state === 'ready' && data?.revision !== status.revision)
    void fetchSnapshot(status.revision);
}

export const useLibrary = create<LibraryStore>((set, get) => ({
  query: '',
  sort: defaultSort,
  view: [],
  async load() {
    // The snapshot is asked for right behind the status, not after its answer: at start-up the
    // library is usually ready (from the cache), and waiting would add a round trip before the
    // first rows. The status goes first so its small answer is not queued behind the library.
    const status = api.library.status();
    void fetchSnapshot();
    try {
      applyStatus(await status);
    } catch (error) {
      set({ loadError: toApiError(error) });
    }
  },
  setQuery(query) {
    const { data, sort } = get();
    set({ query, ...(data ? { view: computeView(data, sort, query) } : {}) });
  },
  setSort(sort) {
    const { data, query } = get();
    set({ sort, ...(data ? { view: computeView(data, sort, query) } : {}) });
  },
  async sync(mode = 'auto') {
    try {
      set({ status: await api.library.sync({ mode }), actionError: undefined });
    } catch (error) {
      set({ actionError: toApiError(error) });
    }
  },
  async cancelSync() {
    try {
      set({ status: await api.library.cancelSync(), actionError: undefined });
    } catch (error) {
      set({ actionError: toApiError(error) });
    }
  },
}));

/** Follows main's library events for the life of the window. */
export function subscribeLibrary(): () => void {
  const offChanged = onEvent('library.changed', applyStatus);
  const offProgress = onEvent('library.progress', (progress) => useLibrary.setState({ progress }));
  return () => {
    offChanged();
    offProgress();
  };
}
