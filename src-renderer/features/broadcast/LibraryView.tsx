import { Library, RefreshCw } from 'lucide-react';
import { useEffect, useId, useMemo, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioItem } from '../../../src-preload/contract/schemas/musique.ts';
import { ApiError } from '../../api/api-error.ts';
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDuration,
  formatRelative,
} from '../../lib/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { VirtualTable, type Column } from '../../ui/table/VirtualTable.tsx';
import type { SelectionState } from '../../ui/table/selection.ts';
import { AudioDetail } from './AudioDetail.tsx';
import { useBroadcast } from './broadcast-store.ts';
import { categoriesOf, visibleItems } from './library-view-model.ts';
import { usePermission } from './use-permission.ts';

const rowKey = (item: AudioItem) => item.id;

/** The announcement library: last known list at once, refreshed from Musique, sorted, filtered. */
export function LibraryView() {
  const { t } = useTranslation('broadcast');
  const library = useBroadcast((state) => state.library);
  const libraryError = useBroadcast((state) => state.libraryError);
  const filter = useBroadcast((state) => state.filter);
  const sort = useBroadcast((state) => state.sort);
  const selectedId = useBroadcast((state) => state.selectedId);
  const { loadLibrary, refreshLibrary, setFilter, setSort, select, setTab } =
    useBroadcast.getState();
  const canRead = usePermission('audio.read');
  const canWrite = usePermission('audio.write');
  const filterId = useId();
  const reasonId = useId();

  // The cached list first (instant, offline too), then Musique's current one.
  useEffect(() => {
    void loadLibrary().then(() => {
      if (canRead.allowed) void refreshLibrary();
    });
  }, [loadLibrary, refreshLibrary, canRead.allowed]);

  const items = useMemo(() => library?.items ?? [], [library]);
  const rows = useMemo(() => visibleItems(items, filter, sort), [items, filter, sort]);
  const categories = useMemo(() => categoriesOf(items), [items]);
  const selected = items.find((item) => item.id === selectedId);
  const selection: SelectionState<string> = {
    selected: new Set(selected ? [selected.id] : []),
    ...(selected ? { active: selected.id, anchor: selected.id } : {}),
  };

  const columns: Column<AudioItem>[] = [
    {
      id: 'name',
      header: t('library.column.name'),
      width: 'minmax(180px, 3fr)',
      sortable: true,
      cell: (i) => i.name || i.id,
    },
    {
      id: 'category',
      header: t('library.column.category'),
      width: 'minmax(110px, 1fr)',
      sortable: true,
      cell: (i) => i.category,
    },
    {
      id: 'duration',
      header: t('library.column.duration'),
      width: '84px',
      sortable: true,
      align: 'end',
      cell: (i) => formatDuration(i.duration),
    },
    {
      id: 'size',
      header: t('library.column.size'),
      width: '84px',
      sortable: true,
      align: 'end',
      cell: (i) => formatBytes(i.size),
    },
    {
      id: 'created',
      header: t('library.column.created'),
      width: '120px',
      sortable: true,
      cell: (i) => formatDate(i.createdAt),
    },
    {
      id: 'plays',
      header: t('library.column.plays'),
      width: '72px',
      sortable: true,
      align: 'end',
      cell: (i) => formatCount(i.stats.timesPlayed),
    },
  ];

  const refreshing = library?.refreshing ?? false;
  const error = libraryError ?? (library?.error ? new ApiError(library.error) : undefined);
  const status = library?.fetchedAt
    ? t('library.updated', { when: formatRelative(library.fetchedAt) })
    : t('library.never');

  return (
    <div className="library-view">
      <div className="library-toolbar" role="toolbar" aria-label={t('library.label')}>
        <label htmlFor={filterId} className="visually-hidden">
          {t('library.filter')}
        </label>
        <input
          id={filterId}
          type="search"
          className="field__input library-toolbar__filter"
          placeholder={t('library.filterPlaceholder')}
          value={filter.text}
          onChange={(event) => setFilter({ text: event.target.value })}
        />
        <Field
          label={t('library.category')}
          hideLabel
          value={filter.category}
          onChange={(event: ChangeEvent<HTMLSelectElement>) =>
            setFilter({ category: event.target.value })
          }
          options={[
            { value: '', label: t('library.allCategories') },
            ...categories.map((category) => ({ value: category, label: category })),
          ]}
        />
        <button
          type="button"
          className="button"
          disabled={refreshing || !canRead.allowed}
          aria-describedby={canRead.allowed ? undefined : reasonId}
          onClick={() => void refreshLibrary()}
        >
          <RefreshCw size={14} aria-hidden="true" className={refreshing ? 'spin' : undefined} />
          {refreshing ? t('library.refreshing') : t('library.refresh')}
        </button>
        <span className="library-toolbar__status" role="status">
          {status}
          {library?.stale && library.fetchedAt && !refreshing ? ` · ${t('library.stale')}` : ''}
        </span>
        <span className="library-toolbar__count">
          {t('library.count', {
            shown: rows.length.toLocaleString(),
            total: items.length.toLocaleString(),
          })}
        </span>
      </div>
      {!canRead.allowed && (
        <p id={reasonId} className="permission-reason">
          {canRead.reason}
        </p>
      )}
      {error && (
        <ErrorNotice
          error={error}
          onRetry={canRead.allowed ? () => void refreshLibrary() : undefined}
        />
      )}
      <div className="library-view__body">
        {items.length === 0 && !refreshing ? (
          <EmptyState
            icon={<Library size={36} />}
            title={t('library.emptyTitle')}
            body={t('library.emptyBody')}
            {...(canWrite.allowed
              ? { action: { label: t('library.uploadAction'), onClick: () => setTab('upload') } }
              : {})}
          />
        ) : (
          <VirtualTable
            rows={rows}
            rowKey={rowKey}
            columns={columns}
            label={t('library.label')}
            sort={sort}
            onSortChange={setSort}
            selection={selection}
            onSelectionChange={(next) => select(next.active)}
            empty={<p className="library-view__empty">{t('library.noMatch')}</p>}
          />
        )}
        <aside className="library-view__detail" aria-label={t('detail.label')}>
          {selected ? (
            <AudioDetail item={selected} />
          ) : (
            <p className="audio-detail__muted">{t('detail.none')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}
