import { ListMusic } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaylistInfo } from '../../../src-preload/contract/schemas/library.ts';
import { formatCount, formatDate, formatDuration } from '../../lib/format.ts';
import type { SelectionState } from '../../ui/table/selection.ts';
import { VirtualTable, type Column } from '../../ui/table/VirtualTable.tsx';
import { FilterBox } from '../../ui/FilterBox.tsx';
import { rowsOfIds, type LibraryData } from './library-data.ts';
import { useLibraryNav } from './library-nav.ts';
import { fold, terms } from './library-search.ts';
import { CollectionDetail } from './CollectionDetail.tsx';

function PlaylistList({ data }: { data: LibraryData }) {
  const { t } = useTranslation('library');
  const openPlaylist = useLibraryNav((state) => state.openPlaylist);
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<SelectionState<string>>({ selected: new Set() });
  const shown = useMemo(() => {
    const words = terms(query);
    return data.playlists.filter((playlist) => {
      const key = fold(`${playlist.name}\u0000${playlist.description}`);
      return words.every((word) => key.includes(word));
    });
  }, [data, query]);

  const columns: Column<PlaylistInfo>[] = [
    {
      id: 'name',
      header: t('columns.name'),
      width: 'minmax(180px, 2fr)',
      cell: (playlist) => (
        <span className="album-cell">
          <ListMusic size={16} aria-hidden="true" className="muted" />
          {playlist.name}
        </span>
      ),
    },
    {
      id: 'description',
      header: t('columns.description'),
      width: 'minmax(160px, 3fr)',
      cell: (playlist) => <span className="muted">{playlist.description}</span>,
    },
    {
      id: 'tracks',
      header: t('columns.tracks'),
      width: '72px',
      align: 'end',
      cell: (playlist) => formatCount(playlist.trackCount),
    },
    {
      id: 'duration',
      header: t('columns.duration'),
      width: '84px',
      align: 'end',
      cell: (playlist) => formatDuration(playlist.duration),
    },
    {
      id: 'updatedAt',
      header: t('columns.updatedAt'),
      width: '120px',
      cell: (playlist) => formatDate(playlist.updatedAt),
    },
  ];

  return (
    <div className="library-view">
      <div className="library-toolbar">
        <FilterBox
          label={t('filter.playlists')}
          placeholder={t('filter.playlists')}
          value={query}
          onChange={setQuery}
        />
        <span className="library-toolbar__count">
          {t('filter.showing', {
            shown: formatCount(shown.length),
            total: formatCount(data.playlists.length),
          })}
        </span>
      </div>
      <VirtualTable
        rows={shown}
        rowKey={(playlist) => playlist.id}
        columns={columns}
        label={t('table.playlists')}
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={(rows) => rows[0] && openPlaylist(rows[0].id)}
        rowHeight={36}
        empty={<p className="library-view__empty">{t('filter.noPlaylistMatch', { query })}</p>}
      />
    </div>
  );
}

function PlaylistDetail({ data, playlistId }: { data: LibraryData; playlistId: string }) {
  const { t } = useTranslation('library');
  const openPlaylist = useLibraryNav((state) => state.openPlaylist);
  const playlist = data.playlistById.get(playlistId);
  const rows = useMemo(
    () => (playlist ? rowsOfIds(data, playlist.trackIds) : []),
    [data, playlist],
  );
  return (
    <CollectionDetail
      data={data}
      rows={rows}
      back={{ label: t('detail.backPlaylists'), onBack: () => openPlaylist(undefined) }}
      head={
        playlist && {
          art: (
            <span className="playlist-art" aria-hidden="true">
              <ListMusic size={40} />
            </span>
          ),
          kind: t('detail.playlist'),
          title: playlist.name,
          facts: playlist.description && (
            <p className="library-detail__facts">{playlist.description}</p>
          ),
          subject: playlist.name,
        }
      }
      columns={['position', 'title', 'artist', 'album', 'duration']}
      empty={<p className="library-view__empty">{t('detail.emptyPlaylist')}</p>}
    />
  );
}

/** Playlists; opening one shows its tracks in playlist order. */
export function PlaylistsView({ data }: { data: LibraryData }) {
  const playlistId = useLibraryNav((state) => state.playlistId);
  return playlistId ? (
    <PlaylistDetail data={data} playlistId={playlistId} />
  ) : (
    <PlaylistList data={data} />
  );
}
