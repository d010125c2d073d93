import { describe, expect, it } from 'vitest';
import {
  facets,
  filterStores,
  filtersNarrow,
  sortedStoreOrder,
} from '../../../src-renderer/features/stores/stores-view-model.ts';
import type { StoreGroup } from '../../../src-preload/contract/schemas/stores.ts';
import { sampleStores } from '../support/stores-bridge.ts';

describe('stores view model', () => {
  it('filters by words across fields, never across field boundaries', () => {
    expect(filterStores(sampleStores, { query: 'aisle lisboa' })).toEqual([2]);
    expect(filterStores(sampleStores, { query: 'EXPRESS' })).toEqual([1, 2]);
    expect(filterStores(sampleStores, { query: 'sao_paulo' })).toEqual([0, 1]);
    // "paulista" ends one field and "supermarket" starts the next: no match of the two joined.
    expect(filterStores(sampleStores, { query: 'paulistasupermarket' })).toEqual([]);
  });

  it('combines region, tag, zone, test-only and group filters', () => {
    expect(filterStores(sampleStores, { query: '', region: 'são paulo' })).toEqual([0, 1]);
    expect(filterStores(sampleStores, { query: '', tag: 'Flagship' })).toEqual([2]);
    expect(filterStores(sampleStores, { query: '', timeZone: 'Europe/Lisbon' })).toEqual([2]);
    expect(filterStores(sampleStores, { query: '', testOnly: true })).toEqual([0]);
    const group: StoreGroup = {
      id: 'grp_000000000001',
      kind: 'rule',
      name: 'Express',
      rule: { regions: [], tags: ['express'], timeZones: [] },
      exclusions: ['pt_001'],
    };
    expect(filterStores(sampleStores, { query: '', groupId: group.id }, [group])).toEqual([1]);
  });

  it('sorts once per snapshot and sort, and filters in that order', () => {
    const byName = sortedStoreOrder(sampleStores, { column: 'name', direction: 'asc' });
    expect(byName).toEqual([1, 2, 0]);
    expect(sortedStoreOrder(sampleStores, { column: 'name', direction: 'asc' })).toBe(byName);
    expect(sortedStoreOrder(sampleStores, { column: 'externalId', direction: 'desc' })).toEqual([
      2, 1, 0,
    ]);
    expect(filterStores(sampleStores, { query: 'aisle' }, [], byName)).toEqual([1, 2, 0]);
  });

  it('knows when a new filter can only narrow the previous matches', () => {
    expect(filtersNarrow({ query: 'lis' }, { query: 'Lisb' })).toBe(true);
    expect(filtersNarrow({ query: 'lisb' }, { query: 'lis' })).toBe(false);
    expect(filtersNarrow({ query: 'a' }, { query: 'ab', region: 'Lisboa' })).toBe(false);
  });

  it('offers each region, tag and zone once with its count', () => {
    expect(facets(sampleStores)).toEqual({
      regions: [
        ['Lisboa', 1],
        ['São Paulo', 2],
      ],
      tags: [
        ['express', 2],
        ['flagship', 1],
        ['supermarket', 1],
      ],
      timeZones: [
        ['America/Sao_Paulo', 2],
        ['Europe/Lisbon', 1],
      ],
    });
  });
});
