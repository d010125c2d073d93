import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format.ts';
import { FilterBox } from '../../ui/FilterBox.tsx';
import { FilterSelect } from './FilterSelect.tsx';
import { useStores } from './stores-store.ts';
import { facets } from './stores-view-model.ts';

/** Text, region, tag and time-zone filters, and how many stores they leave. */
export function StoreFilterBar() {
  const { t } = useTranslation('stores');
  const snapshot = useStores((state) => state.snapshot);
  const filters = useStores((state) => state.filters);
  const setFilters = useStores((state) => state.setFilters);
  const shown = useStores((state) => state.view.length);
  const options = useMemo(() => (snapshot ? facets(snapshot.stores) : undefined), [snapshot]);
  if (!snapshot || !options) return null;
  return (
    <div className="stores-filters">
      <FilterBox
        label={t('filter.text')}
        placeholder={t('filter.placeholder')}
        value={filters.query}
        onChange={(query) => setFilters({ query })}
      />
      <FilterSelect
        label={t('filter.region')}
        anyLabel={t('filter.anyRegion')}
        value={filters.region}
        options={options.regions}
        onChange={(region) => setFilters({ region })}
      />
      <FilterSelect
        label={t('filter.tag')}
        anyLabel={t('filter.anyTag')}
        value={filters.tag}
        options={options.tags}
        onChange={(tag) => setFilters({ tag })}
      />
      <FilterSelect
        label={t('filter.timeZone')}
        anyLabel={t('filter.anyTimeZone')}
        value={filters.timeZone}
        options={options.timeZones}
        onChange={(timeZone) => setFilters({ timeZone })}
      />
      <label className="store-editor__check">
        <input
          type="checkbox"
          checked={filters.testOnly ?? false}
          onChange={(event) => setFilters({ testOnly: event.target.checked || undefined })}
        />
        {t('filter.testOnly')}
      </label>
      <span className="stores-filters__count" aria-live="polite">
        {t('filter.showing', {
          shown: formatCount(shown),
          total: formatCount(snapshot.summary.stores),
        })}
      </span>
    </div>
  );
}
