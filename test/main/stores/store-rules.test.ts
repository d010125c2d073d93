import { describe, expect, it } from 'vitest';
import {
  checkExternalId,
  checkStore,
  groupMembers,
  parseDayHours,
  splitTags,
  summarizeDirectory,
} from '../../../src-preload/contract/schemas/store-rules.ts';
import {
  canonicalTimeZone,
  suggestTimeZone,
} from '../../../src-preload/contract/schemas/store-time-zones.ts';
import type { StoreGroup, StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';

const store = (externalId: string, extra: Partial<StoreRecord> = {}): StoreRecord => ({
  externalId,
  name: externalId,
  region: 'Lisboa',
  tags: ['express'],
  timeZone: 'Europe/Lisbon',
  testStore: false,
  ...extra,
});

describe('store record rules', () => {
  it('trims External IDs, keeps their case and refuses spaces or line breaks inside', () => {
    expect(checkExternalId('  Store_A1 \t')).toEqual({ id: 'Store_A1' });
    expect(checkExternalId('   ')).toMatchObject({ problem: { code: 'id_missing' } });
    expect(checkExternalId('store 12')).toMatchObject({
      problem: {
        code: 'id_malformed',
        message: expect.stringMatching(/a space inside/) as unknown,
      },
    });
    expect(checkExternalId('store\n12')).toMatchObject({
      problem: {
        code: 'id_malformed',
        message: expect.stringMatching(/a line break inside/) as unknown,
      },
    });
    expect(checkExternalId('x'.repeat(201))).toMatchObject({ problem: { code: 'id_malformed' } });
  });

  it('reads opening hours the ways people write them, and refuses the rest', () => {
    expect(parseDayHours('08:00-22:00')).toBe('08:00-22:00');
    expect(parseDayHours('8h - 22h')).toBe('08:00-22:00');
    expect(parseDayHours('8:30 às 21:00')).toBe('08:30-21:00');
    expect(parseDayHours('22:00 to 02:00')).toBe('22:00-02:00');
    expect(parseDayHours('Fechado')).toBe('closed');
    expect(parseDayHours('')).toBe('');
    for (const bad of ['25:00-26:00', '08:00', '08:00-08:00', 'morning', '8:75-20:00']) {
      expect(parseDayHours(bad), bad).toBeUndefined();
    }
  });

  it('splits tags on commas, semicolons and bars without repeats', () => {
    expect(splitTags('express, flagship; Express | 24h')).toEqual(['express', 'flagship', '24h']);
  });

  it('accepts IANA names only and suggests the closest one for what people type', () => {
    expect(canonicalTimeZone('america/sao_paulo')).toBe('America/Sao_Paulo');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('GMT-3')).toBeUndefined();
    expect(canonicalTimeZone('-03:00')).toBeUndefined();
    expect(suggestTimeZone('GMT-3')).toBe('America/Sao_Paulo');
    expect(suggestTimeZone('UTC−03:00')).toBe('America/Sao_Paulo');
    expect(suggestTimeZone('Brasilia')).toBe('America/Sao_Paulo');
    expect(suggestTimeZone('Brasília')).toBe('America/Sao_Paulo');
    expect(suggestTimeZone('Lisbon')).toBe('Europe/Lisbon');
    expect(suggestTimeZone('America/Sao_Palo')).toBe('America/Sao_Paulo');
    expect(suggestTimeZone('Manaus')).toBe('America/Manaus');
    expect(suggestTimeZone('qwertyuiop')).toBeUndefined();
  });

  it('reports every bad field of a record at once, with the suggestion', () => {
    const checked = checkStore({
      externalId: 'a b',
      name: 'A',
      region: '',
      tags: [],
      timeZone: 'GMT-3',
      openingHours: { mon: 'all day' },
      testStore: false,
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => [p.field, p.code])).toEqual([
      ['externalId', 'id_malformed'],
      ['timeZone', 'time_zone_unknown'],
      ['mon', 'hours_invalid'],
    ]);
    expect(checked.problems[1]?.suggestion).toBe('America/Sao_Paulo');
  });

  it('names a nameless store by its ID and drops unknown days', () => {
    const checked = checkStore({
      externalId: ' s1 ',
      name: ' ',
      region: ' North  East ',
      tags: ['a,b'],
      timeZone: 'Europe/Lisbon',
      openingHours: { mon: '9-18', tue: '' },
      notes: '  ',
      testStore: true,
    });
    expect(checked).toEqual({
      ok: true,
      record: {
        externalId: 's1',
        name: 's1',
        region: 'North East',
        tags: ['a', 'b'],
        timeZone: 'Europe/Lisbon',
        openingHours: { mon: '09:00-18:00' },
        testStore: true,
      },
    });
  });
});

describe('groups', () => {
  const rule: StoreGroup = {
    id: 'grp_000000000001',
    kind: 'rule',
    name: 'Lisbon express',
    rule: { regions: ['lisboa'], tags: ['Express'], timeZones: [] },
    exclusions: ['s3'],
  };

  it('a rule group follows the directory as stores are added, edited and removed', () => {
    let stores = [store('s1'), store('s2', { tags: ['outlet'] }), store('s3')];
    expect(groupMembers(rule, stores)).toEqual(['s1']);
    // s2 gains the tag; s4 arrives in the region; s1 moves away.
    stores = [
      store('s1', { region: 'Porto' }),
      store('s2', { tags: ['outlet', 'express'] }),
      store('s3'),
      store('s4'),
    ];
    expect(groupMembers(rule, stores)).toEqual(['s2', 's4']);
    stores = stores.filter((s) => s.externalId !== 's2');
    expect(groupMembers(rule, stores)).toEqual(['s4']);
  });

  it('a hand-picked group keeps only the stores that still exist', () => {
    const picked: StoreGroup = {
      id: 'grp_000000000002',
      kind: 'picked',
      name: 'Pilot',
      members: ['s2', 'gone', 's1'],
    };
    expect(groupMembers(picked, [store('s1'), store('s2'), store('s3')])).toEqual(['s1', 's2']);
  });

  it('summarizes stores, regions, zones and test stores', () => {
    expect(
      summarizeDirectory([
        store('a'),
        store('b', { region: 'lisboa', testStore: true }),
        store('c', { region: 'São Paulo', timeZone: 'America/Sao_Paulo' }),
      ]),
    ).toEqual({ stores: 3, regions: 2, timeZones: 2, testStores: 1 });
  });
});
