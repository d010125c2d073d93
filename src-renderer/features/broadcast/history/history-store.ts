import { create } from 'zustand';
import type {
  HistoryPage,
  StoreHistoryPage,
} from '../../../../src-preload/contract/schemas/broadcast-history.ts';
import { toApiError, type ApiError } from '../../../api/api-error.ts';
import { api } from '../../../api/client.ts';
import { downloadText } from '../../../lib/download.ts';
import { historyQuery, noFilters, type HistoryFilters } from './history-view-model.ts';

export const historyPageSize = 25;
export const storePageSize = 50;

/** What the History tab shows: the list, one job's stores, or one store's announcements. */
export type HistoryFocus =
  { kind: 'list' } | { kind: 'job'; jobId: string } | { kind: 'store'; externalId: string };

interface HistoryState {
  filters: HistoryFilters;
  offset: number;
  page?: HistoryPage;
  loading: boolean;
  error?: ApiError;
  focus: HistoryFocus;
  storeOffset: number;
  storePage?: StoreHistoryPage;
  storeError?: ApiError;
  /** The last export: its file name and row count, or why it failed. */
  exported?: { fileName: string; rows: number };
  exportError?: ApiError;
  /** Applies new filters and loads their first page. */
  search: (filters: HistoryFilters) => Promise<void>;
  load: (offset?: number) => Promise<void>;
  open: (focus: HistoryFocus) => void;
  loadStore: (offset?: number) => Promise<void>;
  /** Asks main for the CSV of a job or a store's history and saves it as a download. */
  exportCsv: (target: { jobId: string } | { externalId: string }) => Promise<void>;
}

// Only the newest answer of each list is shown (filters can change faster than answers come).
let listRequest = 0;
let storeRequest = 0;

export const useHistory = create<HistoryState>((set, get) => ({
  filters: noFilters,
  offset: 0,
  loading: false,
  focus: { kind: 'list' },
  storeOffset: 0,
  async search(filters) {
    set({ filters });
    await get().load(0);
  },
  async load(offset = get().offset) {
    const request = ++listRequest;
    set({ loading: true, error: undefined, offset });
    try {
      const page = await api.broadcast.history({
        ...historyQuery(get().filters),
        offset,
        limit: historyPageSize,
      });
      if (request === listRequest) set({ page, loading: false });
    } catch (error) {
      if (request === listRequest) set({ loading: false, error: toApiError(error) });
    }
  },
  open(focus) {
    set({ focus, exported: undefined, exportError: undefined });
    if (focus.kind === 'store') {
      set({ storePage: undefined, storeOffset: 0 });
      void get().loadStore(0);
    }
  },
  async loadStore(offset = get().storeOffset) {
    const { focus } = get();
    if (focus.kind !== 'store') return;
    const request = ++storeRequest;
    set({ storeOffset: offset, storeError: undefined });
    try {
      const storePage = await api.broadcast.storeHistory({
        externalId: focus.externalId,
        offset,
        limit: storePageSize,
      });
      if (request === storeRequest) set({ storePage });
    } catch (error) {
      if (request === storeRequest) set({ storeError: toApiError(error) });
    }
  },
  async exportCsv(target) {
    set({ exported: undefined, exportError: undefined });
    try {
      const file = await api.broadcast.exportHistory(target);
      downloadText(file.fileName, file.csv, 'text/csv;charset=utf-8');
      set({ exported: { fileName: file.fileName, rows: file.rows } });
    } catch (error) {
      set({ exportError: toApiError(error) });
    }
  },
}));

export function resetHistory(): void {
  listRequest++;
  storeRequest++;
  useHistory.setState({
    filters: noFilters,
    offset: 0,
    page: undefined,
    loading: false,
    error: undefined,
    focus: { kind: 'list' },
    storeOffset: 0,
    storePage: undefined,
    storeError: undefined,
    exported: undefined,
    exportError: undefined,
  });
}
