/**
 * What the stores table shows, as plain functions over the directory: filtering by text,
 * region, tag, time zone and group, sorting, and the lists the filter menus offer. Text search
 * runs over one lower-cased line per store, built once per directory snapshot, so a keystroke
 * over 10,000 stores is a scan of short strings.
 */
import { groupMembers } from '../../../src-preload/contract/schemas/store-rules.ts';
import type { StoreGroup, StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';

export interface StoreFilters {
  query: string;
  region?: string;
  tag?: string;
  timeZone?: string;
  /** Only the members of this group. */
  groupId?: string;
  testOnly?: boolean;
}

export type StoreSortColumn = 'externalId' | 'name' | 'region' | 'timeZone' | 'tags';
export interface StoreSort {
  column: StoreSortColumn;
  direction: 'asc' | 'desc';
}

const haystacks = new WeakMap<readonly StoreRecord[], string[]>();

/** Builds the search lines ahead of the first keystroke (call when a snapshot arrives). */
export function warmSearch(stores: readonly StoreRecord[]): void {
  haystackOf(stores);
}

/** Whether every store matching `next` also matches `previous`: one more letter or word typed. */
export function filtersNarrow(previous: StoreFilters, next: StoreFilters): boolean {
  return (
    next.query.toLowerCase().startsWith(previous.query.toLowerCase()) &&
    previous.region === next.region &&
    previous.tag === next.tag &&
    previous.timeZone === next.timeZone &&
    previous.groupId === next.groupId &&
    previous.testOnly === next.testOnly
  );
}

function haystackOf(stores: readonly StoreRecord[]): string[] {
  let lines = haystacks.get(stores);
  if (!lines) {
    lines = stores.map((s) =>
      [s.externalId, s.name, s.region, s.timeZone, ...s.tags, s.notes ?? '']
        .join('\u0001')
        .toLowerCase(),
    );
    haystacks.set(stores, lines);
  }
  return lines;
}

/**
 * Positions of the stores that pass every filter, in the order of `order` (a sorted order from
 * `sortedStoreOrder`, or directory order when absent).
 */
export function filterStores(
  stores: readonly StoreRecord[],
  filters: StoreFilters,
  groups: readonly StoreGroup[] = [],
  order?: readonly number[],
): number[] {
  const words = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  const lines = haystackOf(stores);
  const group = filters.groupId ? groups.find((g) => g.id === filters.groupId) : undefined;
  const members = group ? new Set(groupMembers(group, stores)) : undefined;
  const region = filters.region?.toLowerCase();
  const tag = filters.tag?.toLowerCase();
  const out: number[] = [];
  const count = order ? order.length : stores.length;
  for (let n = 0; n < count; n++) {
    const i = order ? order[n]! : n;
    const store = stores[i]!;
    if (region !== undefined && store.region.toLowerCase() !== region) continue;
    if (filters.timeZone !== undefined && store.timeZone !== filters.timeZone) continue;
    if (tag !== undefined && !store.tags.some((t) => t.toLowerCase() === tag)) continue;
    if (filters.testOnly && !store.testStore) continue;
    if (members && !members.has(store.externalId)) continue;
    if (words.length) {
      const line = lines[i]!;
      if (!words.every((word) => line.includes(word))) continue;
    }
    out.push(i);
  }
  return out;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const orders = new WeakMap<readonly StoreRecord[], Map<string, number[]>>();

/**
 * Every position in the directory, sorted; computed once per directory snapshot and sort, so a
 * filter keystroke only walks it instead of sorting again.
 */
export function sortedStoreOrder(
  stores: readonly StoreRecord[],
  sort: StoreSort,
): readonly number[] {
  let bySort = orders.get(stores);
  if (!bySort) {
    bySort = new Map();
    orders.set(stores, bySort);
  }
  const cacheKey = `${sort.column}:${sort.direction}`;
  let order = bySort.get(cacheKey);
  if (!order) {
    const keys = stores.map((store) =>
      sort.column === 'tags' ? store.tags.join(', ') : store[sort.column],
    );
    const sign = sort.direction === 'asc' ? 1 : -1;
    order = keys.map((_, i) => i).sort((a, b) => sign * collator.compare(keys[a]!, keys[b]!));
    bySort.set(cacheKey, order);
  }
  return order;
}

/** The distinct values a filter menu offers, sorted, with how many stores have each. */
export function facets(stores: readonly StoreRecord[]): {
  regions: Array<[string, number]>;
  tags: Array<[string, number]>;
  timeZones: Array<[string, number]>;
} {
  const regions = new Map<string, number>();
  const tags = new Map<string, number>();
  const zones = new Map<string, number>();
  const bump = (map: Map<string, number>, value: string) =>
    map.set(value, (map.get(value) ?? 0) + 1);
  for (const store of stores) {
    if (store.region) bump(regions, store.region);
    bump(zones, store.timeZone);
    for (const tag of store.tags) bump(tags, tag);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].sort((a, b) => collator.compare(a[0], b[0]));
  return { regions: sorted(regions), tags: sorted(tags), timeZones: sorted(zones) };
}
