/**
 * Who a broadcast goes to, as plain functions over the store directory: the picks (every store,
 * or any mix of stores, groups, regions, tags and time zones, less exclusions) resolved to
 * External IDs, and the live breakdown ("412 stores in 4 time zones; 3 test stores"). Only
 * directory stores can come out of it: a pick names the directory, never a typed ID.
 */
import { groupMembers, ruleMatcher } from '../../../../src-preload/contract/schemas/store-rules.ts';
import type {
  DirectorySnapshot,
  StoreRecord,
} from '../../../../src-preload/contract/schemas/stores.ts';

export type PickKind = 'store' | 'group' | 'region' | 'tag' | 'timeZone';

export interface Pick {
  kind: PickKind;
  /** External ID, group ID, region, tag or IANA zone name. */
  value: string;
}

export interface TargetSelection {
  everyStore: boolean;
  picks: Pick[];
  /** External IDs left out of whatever the picks select. */
  exclusions: string[];
}

export const emptySelection: TargetSelection = { everyStore: false, picks: [], exclusions: [] };

export interface ZoneCount {
  timeZone: string;
  stores: number;
}

export interface Breakdown {
  /** The External IDs to send to, in directory order. */
  externalIds: string[];
  stores: number;
  timeZones: ZoneCount[];
  testStores: number;
  regions: number;
  /** Exclusions that took a store out of the selection. */
  excluded: number;
  /** Picks that no longer match anything in the directory (a store or group removed since). */
  gone: Pick[];
}

const samePick = (a: Pick, b: Pick) => a.kind === b.kind && a.value === b.value;

export function addPick(selection: TargetSelection, pick: Pick): TargetSelection {
  if (selection.picks.some((p) => samePick(p, pick))) return selection;
  return { ...selection, everyStore: false, picks: [...selection.picks, pick] };
}

export function removePick(selection: TargetSelection, pick: Pick): TargetSelection {
  return { ...selection, picks: selection.picks.filter((p) => !samePick(p, pick)) };
}

export function addExclusion(selection: TargetSelection, externalId: string): TargetSelection {
  if (selection.exclusions.includes(externalId)) return selection;
  return { ...selection, exclusions: [...selection.exclusions, externalId] };
}

export function removeExclusion(selection: TargetSelection, externalId: string): TargetSelection {
  return { ...selection, exclusions: selection.exclusions.filter((id) => id !== externalId) };
}

/** A predicate for one pick, or undefined when the pick names nothing the directory has. */
function pickMatcher(
  pick: Pick,
  snapshot: DirectorySnapshot,
): ((store: StoreRecord) => boolean) | undefined {
  switch (pick.kind) {
    case 'store':
      return (store) => store.externalId === pick.value;
    case 'group': {
      const group = snapshot.groups.find((g) => g.id === pick.value);
      if (!group) return undefined;
      const members = new Set(groupMembers(group, snapshot.stores));
      return (store) => members.has(store.externalId);
    }
    case 'region':
      return ruleMatcher({ regions: [pick.value], tags: [], timeZones: [] });
    case 'tag':
      return ruleMatcher({ regions: [], tags: [pick.value], timeZones: [] });
    case 'timeZone':
      return ruleMatcher({ regions: [], tags: [], timeZones: [pick.value] });
  }
}

/** The stores the selection names today, and what the composer says about them. */
export function resolveTargets(
  selection: TargetSelection,
  snapshot: DirectorySnapshot | undefined,
): Breakdown {
  const stores = snapshot?.stores ?? [];
  const gone: Pick[] = [];
  const matchers: Array<(store: StoreRecord) => boolean> = [];
  if (snapshot && !selection.everyStore) {
    for (const pick of selection.picks) {
      const matcher = pickMatcher(pick, snapshot);
      if (matcher && stores.some(matcher)) matchers.push(matcher);
      else gone.push(pick);
    }
  }
  const excluded = new Set(selection.exclusions);
  const chosen: StoreRecord[] = [];
  let excludedCount = 0;
  for (const store of stores) {
    const picked = selection.everyStore || matchers.some((matches) => matches(store));
    if (!picked) continue;
    if (excluded.has(store.externalId)) excludedCount++;
    else chosen.push(store);
  }
  const zones = new Map<string, number>();
  const regions = new Set<string>();
  let testStores = 0;
  for (const store of chosen) {
    zones.set(store.timeZone, (zones.get(store.timeZone) ?? 0) + 1);
    if (store.region) regions.add(store.region.toLowerCase());
    if (store.testStore) testStores++;
  }
  const timeZones = [...zones]
    .map(([timeZone, count]) => ({ timeZone, stores: count }))
    .sort((a, b) => b.stores - a.stores || a.timeZone.localeCompare(b.timeZone));
  return {
    externalIds: chosen.map((store) => store.externalId),
    stores: chosen.length,
    timeZones,
    testStores,
    regions: regions.size,
    excluded: excludedCount,
    gone,
  };
}

/** Stores whose ID or name contains the query (case-insensitive), for the store picker. */
export function searchStores(
  stores: readonly StoreRecord[],
  query: string,
  limit: number,
  among?: ReadonlySet<string>,
): StoreRecord[] {
  const needle = query.trim().toLowerCase();
  const found: StoreRecord[] = [];
  for (const store of stores) {
    if (among && !among.has(store.externalId)) continue;
    if (
      needle &&
      !store.externalId.toLowerCase().includes(needle) &&
      !store.name.toLowerCase().includes(needle)
    )
      continue;
    found.push(store);
    if (found.length >= limit) break;
  }
  return found;
}

/** The directory's test stores: the only ones a test send may go to. */
export function testStoresOf(snapshot: DirectorySnapshot | undefined): StoreRecord[] {
  return (snapshot?.stores ?? []).filter((store) => store.testStore);
}
