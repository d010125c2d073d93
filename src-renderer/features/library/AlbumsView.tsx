import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlbumInfo } from '../../../src-preload/contract/schemas/library.ts';
import { formatCount, formatDuration } from '../../lib/format.ts';
import type { SelectionState } from '../../ui/table/selection.ts';
import { VirtualTable, type Column, type SortState } from '../../ui/table/VirtualTable.tsx';
import { AlbumArt } from './AlbumArt.tsx';
import { FilterBox } from '../../ui/FilterBox.tsx';
import { albumRows, type LibraryData } from './library-data.ts';
import { useLibraryNav } from './library-nav.ts';
import { fold, terms } from './library-search.ts';
import { CollectionDetail } from './CollectionDetail.tsx';

interface AlbumRow {
  album: AlbumInfo;
  tracks: number;
  duration: number;
}

function albumRowsOf(data: LibraryData): AlbumRow[] {
  const groups = albumRows(data);
  return data.albums.map((album) => {
    const rows = groups.get(album.id) ?? [];
    let duration = 0;
    for (const row of rows) duration += data.numbers.duration[row]!;
    return {
      album,
      tracks: rows.length || album.trackCount || 0,
      duration: duration || album.duration || 0,
    };
  });
}

function sortAlbums(rows: AlbumRow[], sort: SortState): AlbumRow[] {
  const key = (row: AlbumRow): string | number =>
    sort.column === 'year'
      ? (row.album.year ?? 0)
      : sort.column === 'tracks'
        ? row.tracks
        : fold(sort.column === 'artist' ? row.album.artist : row.album.title);
  const keyed = rows.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (sort.direction === 'desc') keyed.reverse();
  return keyed.map((entry) => entry.row);
}

function AlbumList({ data }: { data: LibraryData }) {
  const { t } = useTranslation('library');
  const openAlbum = useLibraryNav((state) => state.openAlbum);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState>({ column: 'artist', direction: 'asc' });
  const [selection, setSelection] = useState<SelectionState<string>>({ selected: new Set() });
  const all = useMemo(() => albumRowsOf(data), [data]);
  const sorted = useMemo(() => sortAlbums(all, sort), [all, sort]);
  const shown = useMemo(() => {
    const words = terms(query);
    if (!words.length) return sorted;
    return sorted.filter((row) => {
      const key = fold(`${row.album.title}\u0000${row.album.artist}`);
      return words.every((word) => key.includes(word));
    });
  }, [sorted, query]);

  const columns: Column<AlbumRow>[] = [
    {
      id: 'title',
      header: t('columns.album'),
      width: 'minmax(200px, 3fr)',
      sortable: true,
      cell: ({ album }) => (
        <span className="album-cell">
          <AlbumArt id={album.id} title={album.title} size={24} />
          {album.title || <span className="muted">{t('table.unknownAlbum')}</span>}
        </span>
      ),
    },
    {
      id: 'artist',
      header: t('columns.artist'),
      width: 'minmax(140px, 2fr)',
      sortable: true,
      cell: ({ album }) => album.artist,
    },
    {
      id: 'year',
      header: t('columns.year'),
      width: '64px',
      sortable: true,
      align: 'end',
      cell: ({ album }) => album.year ?? '',
    },
    {
      id: 'tracks',
      header: t('columns.tracks'),
      width: '72px',
      sortable: true,
      align: 'end',
      cell: (row) => formatCount(row.tracks),
    },
    {
      id: 'duration',
      header: t('columns.duration'),
      width: '84px',
      align: 'end',
      cell: (row) => formatDuration(row.duration || undefined),
    },
  ];

  return (
    <div className="library-view">
      <div className="library-toolbar">
        <FilterBox
          label={t('filter.albums')}
          placeholder={t('filter.albumsPlaceholder')}
          value={query}
          onChange={setQuery}
        />
        <span className="library-toolbar__count">
          {t('filter.showing', {
            shown: formatCount(shown.length),
            total: formatCount(all.length),
          })}
        </span>
      </div>
      <VirtualTable
        rows={shown}
        rowKey={(row) => row.album.id}
        columns={columns}
        label={t('table.albums')}
        sort={sort}
        onSortChange={setSort}
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={(rows) => rows[0] && openAlbum(rows[0].album.id)}
        rowHeight={36}
        empty={<p className="library-view__empty">{t('filter.noAlbumMatch', { query })}</p>}
      />
    </div>
  );
}

export function AlbumDetail({ data, albumId }: { data: LibraryData; albumId: string }) {
  const { t } = useTranslation('library');
  const openAlbum = useLibraryNav((state) => state.openAlbum);
  const album = data.albumById.get(albumId);
  const rows = useMemo(() => albumRows(data).get(albumId) ?? [], [data, albumId]);
  return (
    <CollectionDetail
      data={data}
      rows={rows}
      back={{ label: t('detail.back'), onBack: () => openAlbum(undefined) }}
      head={
        album && {
          art: <AlbumArt id={album.id} title={album.title} size={96} />,
          kind: t('detail.album'),
          title: album.title || t('table.unknownAlbum'),
          facts: (
            <p className="library-detail__facts">
              {[album.artist, album.year].filter(Boolean).join(' · ')}
            </p>
          ),
          subject: album.title || t('table.unknownAlbum'),
          tableLabel: album.title || t('table.tracks'),
        }
      }
      columns={['trackNumber', 'title', 'artist', 'duration']}
    />
  );
}

/** Albums as a list with placeholder covers; opening one shows its tracks. */
export function AlbumsView({ data }: { data: LibraryData }) {
  const albumId = useLibraryNav((state) => state.albumId);
  return albumId ? <AlbumDetail data={data} albumId={albumId} /> : <AlbumList data={data} />;
}
