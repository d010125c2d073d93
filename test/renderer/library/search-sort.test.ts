import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../../src-renderer/features/library/library-data.ts';
import {
  filterRows,
  fold,
  searchNarrows,
  searchIndex,
  terms,
  warmSearchIndex,
} from '../../../src-renderer/features/library/library-search.ts';
import {
  ascendingOrder,
  sortedTrackOrder,
} from '../../../src-renderer/features/library/library-sort.ts';
import { computeView } from '../../../src-renderer/features/library/library-store.ts';
import { snapshotOf, type TrackSpec } from './fixtures.ts';

const words = ['Rain', 'Sun', 'Night', 'Ocean', 'Café', 'Straße', 'Ünder', 'blue'];
function library(count: number, extra: (row: number) => Partial<TrackSpec> = () => ({})) {
  const tracks: TrackSpec[] = Array.from({ length: count }, (_, row) => ({
    id: row + 1,
    title: `${words[row % words.length]} ${row}`,
    artist: `Artist ${row % 7}`,
    album: `${words[(row * 3) % words.length]} album`,
    albumId: `alb_${row % 11}`,
    trackNumber: (row % 12) + 1,
    discNumber: 1 + (row % 2),
    year: 1990 + (row % 30),
    duration: 60 + ((row * 37) % 400),
    ...extra(row),
  }));
  return decodeSnapshot(snapshotOf(tracks));
}

/** The straightforward filter the index must agree with. */
function reference(data: ReturnType<typeof library>, order: ArrayLike<number>, query: string) {
  const wanted = terms(query);
  const out: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    const key = fold(`${data.text.title[row]} ${data.text.artist[row]} ${data.text.album[row]}`);
    if (wanted.every((word) => key.includes(word))) out.push(row);
  }
  return out;
}

describe('the library search', () => {
  const data = library(3000);
  const order = ascendingOrder(data, 'title');

  it('agrees with a plain filter, for common, rare, accented and several words', () => {
    for (const query of [
      'n',
      'ni',
      'rain 1',
      'cafe',
      'CAFÉ',
      'strasse',
      'straße',
      'under',
      'ünder',
      'artist 3 blue',
      'zzz',
      '29',
    ]) {
      expect(filterRows(order, searchIndex(data), terms(query)), query).toEqual(
        reference(data, order, query),
      );
    }
  });

  it('narrows from the previous matches when the user types on', () => {
    const broad = filterRows(order, searchIndex(data), terms('rain'));
    const narrow = filterRows(broad, searchIndex(data), terms('rain 12'));
    expect(narrow).toEqual(reference(data, order, 'rain 12'));
    expect(searchNarrows('rain', 'rain 12')).toBe(true);
    expect(searchNarrows('rain 12', 'rain 1')).toBe(false);
    expect(searchNarrows('', 'x')).toBe(false);
  });

  it('never matches across two tracks or two fields', () => {
    // "… 0" ends one title and "Artist" starts the next field: "0artist" is in no single field.
    const small = library(3);
    expect(filterRows([0, 1, 2], searchIndex(small), terms('0artist'))).toEqual([]);
    // Row 0's key ends with its album ("… album"), row 1's starts with its title ("Sun 1").
    expect(filterRows([0, 1, 2], searchIndex(small), terms('albumsun'))).toEqual([]);
    expect(filterRows([0, 1, 2], searchIndex(small), terms('album sun'))).toEqual([1]);
  });

  it('ignores NUL and repeated words in a query', () => {
    expect(terms('  Rain\u0000 rain  NIGHT ')).toEqual(['rain', 'night']);
  });

  it('builds the index in idle slices to the same result', async () => {
    const fresh = library(2000);
    const stop = warmSearchIndex(fresh, 300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop();
    const rows = Array.from({ length: fresh.count }, (_, row) => row);
    expect(filterRows(rows, searchIndex(fresh), terms('ocean'))).toEqual(
      reference(fresh, rows, 'ocean'),
    );
  });

  it('keeps the view’s order when filtering', () => {
    const view = computeView(data, { column: 'year', direction: 'desc' }, 'sun');
    const years = view.map((row) => data.numbers.year[row]!);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect([...view].sort((a, b) => a - b)).toEqual(
      reference(
        data,
        Array.from({ length: data.count }, (_, r) => r),
        'sun',
      ),
    );
  });
});

describe('the library sort', () => {
  const naturalKey = (data: ReturnType<typeof library>, row: number) => [
    data.text.artist[row] ? fold(data.text.artist[row]) : '\uffff',
    data.text.album[row] ? fold(data.text.album[row]) : '\uffff',
    data.numbers.discNumber[row]!,
    data.numbers.trackNumber[row]!,
    row,
  ];
  const compare = (a: Array<string | number>, b: Array<string | number>) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };

  it('orders by artist, album, disc and track, the same whichever way it is computed', () => {
    // Whole track numbers take the counting sort; one fractional number forces the comparator.
    for (const data of [
      library(2000),
      library(2000, (row) => (row === 5 ? { trackNumber: 2.5 } : {})),
    ]) {
      const expected = Array.from({ length: data.count }, (_, row) => row).sort((a, b) =>
        compare(naturalKey(data, a), naturalKey(data, b)),
      );
      expect([...ascendingOrder(data, 'artist')]).toEqual(expected);
    }
  });

  it('puts unknown values last and breaks ties by the natural order', () => {
    const data = library(50, (row) => (row % 10 === 0 ? { year: 0, title: '' } : {}));
    const byYear = [...sortedTrackOrder(data, 'year', 'asc')];
    const years = byYear.map((row) => data.numbers.year[row]!);
    expect(years.slice(-5)).toEqual([0, 0, 0, 0, 0]);
    const known = years.slice(0, -5);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    const byTitle = [...sortedTrackOrder(data, 'title', 'asc')];
    expect(byTitle.slice(-5).every((row) => data.text.title[row] === '')).toBe(true);
    expect([...sortedTrackOrder(data, 'title', 'desc')]).toEqual([...byTitle].reverse());
  });
});
