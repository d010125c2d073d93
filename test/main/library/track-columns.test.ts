import { describe, expect, it } from 'vitest';
import { columnSeparator, numericColumns } from '../../../src-preload/contract/schemas/library.ts';
import { trackRowOf } from '../../../src-main/services/library/parse.ts';
import {
  createTrackColumns,
  isStoredTracks,
} from '../../../src-main/services/library/track-columns.ts';

const row = (id: number, title: string) =>
  trackRowOf({ id, title, artist: `Artist ${id % 3}`, album_id: `alb_${id % 2}`, duration: id })!;

describe('the columnar track table', () => {
  it('adds, replaces, stores and restores tracks', () => {
    const table = createTrackColumns();
    for (let id = 1; id <= 5; id++) table.upsert(row(id, `Song ${id}`));
    table.upsert(row(3, 'Song three, re-uploaded'));
    expect(table.count).toBe(5);
    const stored = table.stored();
    expect(isStoredTracks(stored)).toBe(true);
    expect(stored.text.title.split(columnSeparator)).toEqual([
      'Song 1',
      'Song 2',
      'Song three, re-uploaded',
      'Song 4',
      'Song 5',
    ]);
    const restored = createTrackColumns(structuredClone(stored));
    restored.upsert(row(6, 'Song 6'));
    expect(restored.count).toBe(6);
    expect(restored.has(3)).toBe(true);
    expect(restored.stored().numbers.id).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...restored.albumFacts(new Set()).keys()].sort()).toEqual(['alb_0', 'alb_1']);
    expect([...restored.albumFacts(new Set(['alb_0'])).keys()]).toEqual(['alb_1']);
  });

  it('packs the numbers into one Float64Array, column after column', () => {
    const table = createTrackColumns();
    table.upsert(row(10, 'A'));
    table.upsert(row(20, 'B'));
    const { count, numbers, text } = table.snapshot();
    const values = new Float64Array(numbers.buffer, numbers.byteOffset, numbers.byteLength / 8);
    const column = (name: (typeof numericColumns)[number]) => {
      const at = numericColumns.indexOf(name) * count;
      return [...values.subarray(at, at + count)];
    };
    expect(column('id')).toEqual([10, 20]);
    expect(column('duration')).toEqual([10, 20]);
    expect(text.title).toBe(`A${columnSeparator}B`);
    expect(Buffer.isBuffer(numbers)).toBe(false);
  });

  it('replaces a track that comes back out of ascending order, after the table was stored', () => {
    const table = createTrackColumns();
    for (const id of [5, 9, 2]) table.upsert(row(id, `Song ${id}`));
    table.stored();
    table.upsert(row(12, 'Song 12'));
    table.upsert(row(9, 'Song nine, again'));
    table.upsert(row(2, 'Song two, again'));
    table.upsert(row(7, 'Song 7'));
    const stored = table.stored();
    expect(stored.numbers.id).toEqual([5, 9, 2, 12, 7]);
    expect(stored.text.title.split(columnSeparator)).toEqual([
      'Song 5',
      'Song nine, again',
      'Song two, again',
      'Song 12',
      'Song 7',
    ]);
    expect(isStoredTracks(stored)).toBe(true);
  });

  it('replaces a track of a table restored from the cache', () => {
    const first = createTrackColumns();
    for (let id = 1; id <= 3; id++) first.upsert(row(id, `Song ${id}`));
    const restored = createTrackColumns(structuredClone(first.stored()));
    restored.upsert(row(1, 'Song one, again'));
    expect(restored.count).toBe(3);
    expect(restored.stored().text.title.split(columnSeparator)[0]).toBe('Song one, again');
  });

  it('rejects a stored table whose columns do not match its count', () => {
    const stored = createTrackColumns().stored();
    expect(isStoredTracks({ ...stored, count: 3 })).toBe(false);
    expect(isStoredTracks({ count: 0, text: {}, numbers: {} })).toBe(false);
    expect(isStoredTracks(undefined)).toBe(false);
  });
});
