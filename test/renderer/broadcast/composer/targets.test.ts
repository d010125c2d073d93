import { describe, expect, it } from 'vitest';
import type {
  DirectorySnapshot,
  StoreRecord,
} from '../../../../src-preload/contract/schemas/stores.ts';
import {
  addExclusion,
  addPick,
  emptySelection,
  removePick,
  resolveTargets,
  searchStores,
  testStoresOf,
} from '../../../../src-renderer/features/broadcast/composer/targets.ts';

const store = (externalId: string, patch: Partial<StoreRecord>): StoreRecord => ({
  externalId,
  name: `Store ${externalId}`,
  region: '',
  tags: [],
  timeZone: 'Europe/Lisbon',
  testStore: false,
  ...patch,
});

const stores = [
  store('br_001', { region: 'São Paulo', timeZone: 'America/Sao_Paulo', testStore: true }),
  store('br_002', { region: 'São Paulo', timeZone: 'America/Sao_Paulo', tags: ['express'] }),
  store('pt_001', { region: 'Lisboa', tags: ['express', 'flagship'] }),
  store('pt_002', { region: 'Porto' }),
  store('jp_001', { region: 'Tokyo', timeZone: 'Asia/Tokyo', testStore: true }),
];

const snapshot: DirectorySnapshot = {
  revision: 1,
  demo: false,
  stores,
  groups: [
    {
      id: 'grp_000000000001',
      kind: 'rule',
      name: 'Express',
      rule: { regions: [], tags: ['express'], timeZones: [] },
      exclusions: [],
      memberCount: 2,
    },
    {
      id: 'grp_000000000002',
      kind: 'picked',
      name: 'Pilot',
      members: ['pt_002', 'gone_001'],
      memberCount: 1,
    },
  ],
  summary: { stores: 5, regions: 4, timeZones: 3, testStores: 2 },
};

describe('resolving the picks against the directory', () => {
  it('selects nothing until something is picked', () => {
    const result = resolveTargets(emptySelection, snapshot);
    expect(result.stores).toBe(0);
    expect(result.externalIds).toEqual([]);
  });

  it('selects every store, with the breakdown by zone (largest first) and the test stores', () => {
    const result = resolveTargets({ ...emptySelection, everyStore: true }, snapshot);
    expect(result.externalIds).toEqual(['br_001', 'br_002', 'pt_001', 'pt_002', 'jp_001']);
    expect(result.timeZones).toEqual([
      { timeZone: 'America/Sao_Paulo', stores: 2 },
      { timeZone: 'Europe/Lisbon', stores: 2 },
      { timeZone: 'Asia/Tokyo', stores: 1 },
    ]);
    expect(result.testStores).toBe(2);
    expect(result.regions).toBe(4);
  });

  it('unites stores, groups, regions, tags and zones, once each, in directory order', () => {
    let selection = addPick(emptySelection, { kind: 'region', value: 'são paulo' });
    selection = addPick(selection, { kind: 'tag', value: 'express' });
    selection = addPick(selection, { kind: 'group', value: 'grp_000000000002' });
    selection = addPick(selection, { kind: 'store', value: 'jp_001' });
    selection = addPick(selection, { kind: 'store', value: 'jp_001' });
    expect(selection.picks).toHaveLength(4);
    expect(resolveTargets(selection, snapshot).externalIds).toEqual([
      'br_001',
      'br_002',
      'pt_001',
      'pt_002',
      'jp_001',
    ]);
    const zoneOnly = addPick(emptySelection, { kind: 'timeZone', value: 'Asia/Tokyo' });
    expect(resolveTargets(zoneOnly, snapshot).externalIds).toEqual(['jp_001']);
    expect(
      resolveTargets(removePick(selection, selection.picks[0]!), snapshot).externalIds,
    ).not.toContain('br_001');
  });

  it('leaves out exclusions and counts them, also from every store', () => {
    let selection = addPick(emptySelection, { kind: 'tag', value: 'express' });
    selection = addExclusion(selection, 'pt_001');
    const result = resolveTargets(selection, snapshot);
    expect(result.externalIds).toEqual(['br_002']);
    expect(result.excluded).toBe(1);
    const all = resolveTargets({ ...selection, everyStore: true }, snapshot);
    expect(all.stores).toBe(4);
    expect(all.externalIds).not.toContain('pt_001');
  });

  it('only ever yields directory stores: a pick that matches nothing is reported as gone', () => {
    let selection = addPick(emptySelection, { kind: 'store', value: 'zz_999' });
    selection = addPick(selection, { kind: 'group', value: 'grp_00000000dead' });
    selection = addPick(selection, { kind: 'region', value: 'Porto' });
    const result = resolveTargets(selection, snapshot);
    expect(result.externalIds).toEqual(['pt_002']);
    expect(result.gone.map((p) => p.value)).toEqual(['zz_999', 'grp_00000000dead']);
  });

  it('finds stores by ID or name for the pickers, and lists the test stores', () => {
    expect(searchStores(stores, 'PT_', 10).map((s) => s.externalId)).toEqual(['pt_001', 'pt_002']);
    expect(searchStores(stores, 'store', 2)).toHaveLength(2);
    expect(searchStores(stores, 'pt', 10, new Set(['pt_002'])).map((s) => s.externalId)).toEqual([
      'pt_002',
    ]);
    expect(testStoresOf(snapshot).map((s) => s.externalId)).toEqual(['br_001', 'jp_001']);
  });
});
