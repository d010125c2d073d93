import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import { FilterBox } from '../../ui/FilterBox.tsx';
import type { LibraryData } from './library-data.ts';
import { useLibrary } from './library-store.ts';
import { TrackTable, type TrackColumnId } from './TrackTable.tsx';

const columns: TrackColumnId[] = [
  'title',
  'artist',
  'album',
  'duration',
  'genre',
  'year',
  'uploadedAt',
];

/** Every track: instant filter across title, artist and album; sort by any column. */
export function TracksView({ data }: { data: LibraryData }) {
  const { t } = useTranslation('library');
  const query = useLibrary((state) => state.query);
  const view = useLibrary((state) => state.view);
  const sort = useLibrary((state) => state.sort);
  const setQuery = useLibrary((state) => state.setQuery);
  const setSort = useLibrary((state) => state.setSort);
  return (
    <div className="library-view">
      <div className="library-toolbar">
        <FilterBox
          label={t('filter.tracks')}
          placeholder={t('filter.tracksPlaceholder')}
          value={query}
          onChange={setQuery}
        />
        <span className="library-toolbar__count" aria-live="polite">
          {t('filter.showing', {
            shown: formatCount(view.length),
            total: formatCount(data.count),
          })}
        </span>
        <span className="library-toolbar__hint">{t('table.hint')}</span>
      </div>
      <TrackTable
        data={data}
        rows={view}
        columns={columns}
        label={t('table.tracks')}
        sort={sort}
        onSortChange={setSort}
        empty={<p className="library-view__empty">{t('filter.noMatch', { query })}</p>}
      />
    </div>
  );
}
