import type { StateCreator } from 'zustand';
import type { UsageEntry, UsageLogQuery } from '../../../src-preload/contract/schemas/musique.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';

export type UsageFilters = Omit<UsageLogQuery, 'cursor' | 'limit'>;

export interface UsageSlice {
  usageFilters: UsageFilters;
  usageItems: UsageEntry[];
  usageTotal?: number;
  usageCursor?: string;
  usageLoading: boolean;
  usageLoaded: boolean;
  usageError?: ApiError;
  setUsageFilters: (filters: UsageFilters) => void;
  /** First page for the current filters, or (`more`) the next one. */
  loadUsage: (more?: boolean) => Promise<void>;
}

const pageSize = 50;

export const createUsageSlice: StateCreator<UsageSlice, [], [], UsageSlice> = (set, get) => ({
  usageFilters: {},
  usageItems: [],
  usageLoading: false,
  usageLoaded: false,
  setUsageFilters: (usageFilters) => set({ usageFilters }),
  async loadUsage(more = false) {
    const { usageFilters, usageCursor, usageLoading } = get();
    if (usageLoading || (more && !usageCursor)) return;
    set({ usageLoading: true, usageError: undefined });
    try {
      const page = await api.musique.usageLog({
        ...usageFilters,
        limit: pageSize,
        ...(more && usageCursor ? { cursor: usageCursor } : {}),
      });
      set({
        usageItems: more ? [...get().usageItems, ...page.items] : page.items,
        usageTotal: page.total,
        usageCursor: page.nextCursor,
        usageLoading: false,
        usageLoaded: true,
      });
    } catch (error) {
      set({ usageLoading: false, usageError: toApiError(error), usageLoaded: true });
    }
  },
});
