import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDate, formatDuration } from '../../lib/format.ts';
import type { SelectionState } from '../../ui/table/selection.ts';
import { VirtualTable, type Column, type SortState } from '../../ui/table/VirtualTable.tsx';
import { idsOf, type LibraryData } from './library-data.ts';
import { sortColumns, type SortColumn } from './library-sort.ts';
import type { TrackSort } from './library-store.ts';
import { requestPlay, useNowPlayingId } from '../player/index.ts';
import { QueueActions } from './QueueActions.tsx';

export type TrackColumnId =
  | 'trackNumber'
  | 'position'
  | 'title'
  | 'artist'
  | 'album'
  | 'duration'
  | 'genre'
  | 'year'
  | 'uploadedAt';

interface Props {
  data: LibraryData;
  /** Rows to show, in order; also the play order. */
  rows: number[];
  columns: TrackColumnId[];
  label: string;
  sort?: TrackSort;
  onSortChange?: (sort: TrackSort) => void;
  empty?: ReactNode;
}

const widths: Record<TrackColumnId, string> = {
  trackNumber: '48px',
  position: '56px',
  title: 'minmax(160px, 3fr)',
  artist: 'minmax(120px, 2fr)',
  album: 'minmax(120px, 2fr)',
  duration: '76px',
  genre: 'minmax(90px, 1fr)',
  year: '64px',
  uploadedAt: '120px',
};

const isSortColumn = (id: string): id is SortColumn =>
  (sortColumns as readonly string[]).includes(id);

/**
 * A virtualized table of tracks read straight from the library's columns. Double-click or
 * Enter plays: one row plays the list from there; several selected rows play just those.
 */
export function TrackTable({ data, rows, columns, label, sort, onSortChange, empty }: Props) {
  const { t } = useTranslation('library');
  const [selection, setSelection] = useState<SelectionState<number>>({ selected: new Set() });
  const positions = useMemo(
    () =>
      columns.includes('position')
        ? new Map(rows.map((row, index) => [row, index + 1]))
        : undefined,
    [columns, rows],
  );

  const definitions = useMemo((): Column<number>[] => {
    const { text, numbers } = data;
    const cells: Record<TrackColumnId, (row: number) => ReactNode> = {
      trackNumber: (row) => numbers.trackNumber[row] || '',
      position: (row) => positions?.get(row) ?? '',
      title: (row) => text.title[row] || <span className="muted">{t('table.untitled')}</span>,
      artist: (row) =>
        text.artist[row] || <span className="muted">{t('table.unknownArtist')}</span>,
      album: (row) => text.album[row] || <span className="muted">{t('table.unknownAlbum')}</span>,
      duration: (row) => formatDuration(numbers.duration[row] || undefined),
      genre: (row) => text.genre[row],
      year: (row) => numbers.year[row] || '',
      uploadedAt: (row) =>
        numbers.uploadedAt[row] ? formatDate(new Date(numbers.uploadedAt[row]).toISOString()) : '–',
    };
    return columns.map((id) => ({
      id,
      header: id === 'trackNumber' || id === 'position' ? t('columns.number') : t(`columns.${id}`),
      width: widths[id],
      cell: cells[id],
      sortable: onSortChange !== undefined && isSortColumn(id),
      align:
        id === 'duration' || id === 'year' || id === 'trackNumber' || id === 'position'
          ? 'end'
          : 'start',
    }));
  }, [columns, data, onSortChange, positions, t]);

  const rowKey = useCallback((row: number) => data.numbers.id[row]!, [data]);
  const playingId = useNowPlayingId();
  const selectedCount = selection.selected.size;
  // The selected tracks in the order this table shows them.
  const selectedIds = () => idsOf(data, rows).filter((id) => selection.selected.has(id));

  const onActivate = (activated: number[]) => {
    if (activated.length === 1) {
      requestPlay(idsOf(data, rows), rows.indexOf(activated[0]!));
    } else if (activated.length > 1) {
      requestPlay(idsOf(data, activated), 0);
    }
  };

  const onSort = onSortChange
    ? (next: SortState) => {
        if (isSortColumn(next.column))
          onSortChange({ column: next.column, direction: next.direction });
      }
    : undefined;

  return (
    <div className="track-table">
      <VirtualTable
        rows={rows}
        rowKey={rowKey}
        columns={definitions}
        label={label}
        sort={sort}
        onSortChange={onSort}
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={onActivate}
        highlight={playingId}
        empty={empty}
      />
      {selectedCount > 0 && (
        <div className="track-table__actions" role="group" aria-label={t('selection.label')}>
          <span className="track-table__selected">
            {t('selection.count', { count: selectedCount, formatted: formatCount(selectedCount) })}
          </span>
          <QueueActions
            ids={selectedIds}
            subject={t('selection.count', {
              count: selectedCount,
              formatted: formatCount(selectedCount),
            })}
          />
        </div>
      )}
    </div>
  );
}
