import { create } from 'zustand';
import type {
  DirectorySnapshot,
  StoreGroupInput,
  StoreInput,
  StoreRecord,
} from '../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import type { SelectionState } from '../../ui/table/selection.ts';
import {
  filterStores,
  filtersNarrow,
  sortedStoreOrder,
  warmSearch,
  type StoreFilters,
  type StoreSort,
} from './stores-view-model.ts';

interface StoresState {
  snapshot?: DirectorySnapshot;
  loadError?: ApiError;
  filters: StoreFilters;
  sort: StoreSort;
  /** Positions in `snapshot.stores` that the table shows, filtered and sorted. */
  view: number[];
  selection: SelectionState<string>;
  load: () => Promise<void>;
  setFilters: (patch: Partial<StoreFilters>) => void;
  setSort: (sort: StoreSort) => void;
  setSelection: (selection: SelectionState<string>) => void;
  add: (store: StoreInput) => Promise<StoreRecord>;
  edit: (externalId: string, store: StoreInput) => Promise<StoreRecord>;
  remove: (externalIds: string[]) => Promise<number>;
  bulkEdit: (edit: {
    externalIds: string[];
    addTags?: string[];
    removeTags?: string[];
    region?: string;
  }) => Promise<number>;
  saveGroup: (id: string | undefined, group: StoreGroupInput) => Promise<void>;
  removeGroup: (id: string) => Promise<void>;
}

const noSelection: SelectionState<string> = { selected: new Set() };

/** The last view, so one more letter typed filters the previous matches, not every store. */
let previous:
  | { snapshot: DirectorySnapshot; filters: StoreFilters; sort: StoreSort; rows: number[] }
  | undefined;

function computeView(
  snapshot: DirectorySnapshot | undefined,
  filters: StoreFilters,
  sort: StoreSort,
): number[] {
  if (!snapshot) return [];
  const { stores, groups } = snapshot;
  const order =
    previous &&
    previous.snapshot === snapshot &&
    previous.sort === sort &&
    filtersNarrow(previous.filters, filters)
      ? previous.rows
      : sortedStoreOrder(stores, sort);
  const rows = filterStores(stores, filters, groups, order);
  previous = { snapshot, filters, sort, rows };
  return rows;
}

// Loads never overlap; a change announced during one triggers exactly one more.
let loading: Promise<void> | undefined;
let again = false;

export const useStores = create<StoresState>((set, get) => {
  const refresh = (snapshot: DirectorySnapshot) => {
    const { filters, sort, selection } = get();
    const known = new Set(snapshot.stores.map((s) => s.externalId));
    // A removed store leaves the selection; a group that no longer exists stops filtering.
    const selected = new Set([...selection.selected].filter((id) => known.has(id)));
    const groupGone =
      filters.groupId && !snapshot.groups.some((group) => group.id === filters.groupId);
    const nextFilters = groupGone ? { ...filters, groupId: undefined } : filters;
    warmSearch(snapshot.stores);
    set({
      snapshot,
      loadError: undefined,
      filters: nextFilters,
      view: computeView(snapshot, nextFilters, sort),
      selection: { ...selection, selected },
    });
  };

  return {
    filters: { query: '' },
    sort: { column: 'name', direction: 'asc' },
    view: [],
    selection: noSelection,
    load() {
      if (loading) {
        again = true;
        return loading;
      }
      loading = (async () => {
        do {
          again = false;
          try {
            refresh(await api.stores.list());
          } catch (error) {
            set({ loadError: toApiError(error) });
          }
        } while (again);
      })().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    setFilters(patch) {
      const filters = { ...get().filters, ...patch };
      set({ filters, view: computeView(get().snapshot, filters, get().sort) });
    },
    setSort(sort) {
      set({ sort, view: computeView(get().snapshot, get().filters, sort) });
    },
    setSelection: (selection) => set({ selection }),
    async add(store) {
      const record = await api.stores.add({ store });
      await get().load();
      return record;
    },
    async edit(externalId, store) {
      const record = await api.stores.edit({ externalId, store });
      await get().load();
      return record;
    },
    async remove(externalIds) {
      const { removed } = await api.stores.remove({ externalIds });
      await get().load();
      return removed;
    },
    async bulkEdit(edit) {
      const { updated } = await api.stores.bulkEdit(edit);
      await get().load();
      return updated;
    },
    async saveGroup(id, group) {
      await api.stores.saveGroup({ ...(id ? { id } : {}), group });
      await get().load();
    },
    async removeGroup(id) {
      await api.stores.removeGroup({ id });
      await get().load();
    },
  };
});

/** Follows main's directory: any change there (an import, the demo) reloads the list. */
export function subscribeStores(): () => void {
  return onEvent('stores.changed', () => void useStores.getState().load());
}
