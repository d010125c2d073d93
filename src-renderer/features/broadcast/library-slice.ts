import type { StateCreator } from 'zustand';
import type {
  AudioItem,
  AnnouncementLibrarySnapshot,
} from '../../../src-preload/contract/schemas/musique.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { SortState } from '../../ui/table/VirtualTable.tsx';
import type { LibraryFilter } from './library-view-model.ts';

export interface LibrarySlice {
  library?: AnnouncementLibrarySnapshot;
  libraryError?: ApiError;
  filter: LibraryFilter;
  sort: SortState;
  selectedId?: string;
  /** The selected item as Musique last described it (fresh stats). */
  detail?: AudioItem;
  detailLoading: boolean;
  detailError?: ApiError;
  deleting?: string;
  deleteError?: ApiError;
  loadLibrary: () => Promise<void>;
  refreshLibrary: () => Promise<void>;
  setFilter: (filter: Partial<LibraryFilter>) => void;
  setSort: (sort: SortState) => void;
  select: (id: string | undefined) => void;
  loadDetail: (id: string) => Promise<void>;
  deleteAudio: (id: string) => Promise<boolean>;
  clearDeleteError: () => void;
}

export const createLibrarySlice: StateCreator<LibrarySlice, [], [], LibrarySlice> = (set, get) => ({
  filter: { text: '', category: '' },
  sort: { column: 'created', direction: 'desc' },
  detailLoading: false,
  async loadLibrary() {
    try {
      set({ library: await api.musique.library(), libraryError: undefined });
    } catch (error) {
      set({ libraryError: toApiError(error) });
    }
  },
  async refreshLibrary() {
    try {
      set({ library: await api.musique.refreshLibrary(), libraryError: undefined });
    } catch (error) {
      set({ libraryError: toApiError(error) });
    }
  },
  setFilter: (filter) => set({ filter: { ...get().filter, ...filter } }),
  setSort: (sort) => set({ sort }),
  select(id) {
    if (id === get().selectedId) return;
    set({ selectedId: id, detail: undefined, detailError: undefined, deleteError: undefined });
  },
  async loadDetail(id) {
    set({ detailLoading: true, detailError: undefined });
    try {
      const detail = await api.musique.getAudio({ id });
      if (get().selectedId === id) set({ detail, detailLoading: false });
    } catch (error) {
      if (get().selectedId === id) set({ detailError: toApiError(error), detailLoading: false });
    }
  },
  async deleteAudio(id) {
    set({ deleting: id, deleteError: undefined });
    try {
      const library = await api.musique.deleteAudio({ id });
      set({ library, deleting: undefined, selectedId: undefined, detail: undefined });
      return true;
    } catch (error) {
      set({ deleting: undefined, deleteError: toApiError(error) });
      return false;
    }
  },
  clearDeleteError: () => set({ deleteError: undefined }),
});
