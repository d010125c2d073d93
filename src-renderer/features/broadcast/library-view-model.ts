/** Sorting and filtering of the announcement list: pure, so it is tested without a screen. */
import type { AudioItem } from '../../../src-preload/contract/schemas/musique.ts';
import type { SortState } from '../../ui/table/VirtualTable.tsx';

export type LibraryColumn = 'name' | 'category' | 'duration' | 'size' | 'created' | 'plays';

export interface LibraryFilter {
  text: string;
  category: string;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const value = (item: AudioItem, column: string): string | number => {
  switch (column) {
    case 'category':
      return item.category;
    case 'duration':
      return item.duration ?? -1;
    case 'size':
      return item.size ?? -1;
    case 'created':
      return item.createdAt ? Date.parse(item.createdAt) || 0 : 0;
    case 'plays':
      return item.stats.timesPlayed;
    default:
      return item.name;
  }
};

export function visibleItems(
  items: readonly AudioItem[],
  filter: LibraryFilter,
  sort: SortState,
): AudioItem[] {
  const text = filter.text.trim().toLocaleLowerCase();
  const shown = items.filter(
    (item) =>
      (filter.category === '' || item.category === filter.category) &&
      (text === '' ||
        item.name.toLocaleLowerCase().includes(text) ||
        item.description.toLocaleLowerCase().includes(text)),
  );
  const direction = sort.direction === 'asc' ? 1 : -1;
  return shown.sort((a, b) => {
    const x = value(a, sort.column);
    const y = value(b, sort.column);
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : collator.compare(String(x), String(y));
    return order * direction || collator.compare(a.name, b.name);
  });
}

/** The categories present, for the filter's choices. */
export function categoriesOf(items: readonly AudioItem[]): string[] {
  return [...new Set(items.map((item) => item.category).filter(Boolean))].sort(collator.compare);
}
