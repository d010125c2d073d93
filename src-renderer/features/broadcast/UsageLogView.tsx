import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { logMethods, statusClasses } from '../../../src-preload/contract/schemas/musique.ts';
import { formatDate } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Field, type FieldOption } from '../../ui/Field.tsx';
import { useSettings } from '../settings/index.ts';
import { useBroadcast } from './broadcast-store.ts';
import type { UsageFilters } from './usage-slice.ts';
import './usage-log.css';
import { DataTable } from '../../ui/table/DataTable.tsx';

/** Values that are their own label (status classes, HTTP methods). */
const choices = (values: readonly string[]): FieldOption[] =>
  values.map((value) => ({ value, label: value }));

const statusTone = (status: number) =>
  status >= 500 ? 'bad' : status >= 400 ? 'warn' : status >= 300 ? 'info' : 'ok';

function Filters() {
  const { t } = useTranslation('broadcast');
  const saved = useBroadcast((state) => state.usageFilters);
  const { setUsageFilters, loadUsage } = useBroadcast.getState();
  const [draft, setDraft] = useState<UsageFilters>(saved);
  const set = (patch: Partial<UsageFilters>) => setDraft((current) => ({ ...current, ...patch }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const clean: UsageFilters = Object.fromEntries(
      Object.entries(draft).filter(([, value]) => value !== undefined && value !== ''),
    );
    setUsageFilters(clean);
    void loadUsage();
  };

  return (
    <form className="usage-filters" onSubmit={apply}>
      <Field
        label={t('usage.from')}
        type="date"
        value={draft.startDate ?? ''}
        onChange={(e) => set({ startDate: e.target.value || undefined })}
      />
      <Field
        label={t('usage.to')}
        type="date"
        value={draft.endDate ?? ''}
        min={draft.startDate}
        onChange={(e) => set({ endDate: e.target.value || undefined })}
      />
      <Field
        label={t('usage.endpoint')}
        type="text"
        placeholder="/api/audio"
        maxLength={200}
        value={draft.endpoint ?? ''}
        onChange={(e) => set({ endpoint: e.target.value || undefined })}
      />
      <Field
        label={t('usage.status')}
        options={[{ value: '', label: t('usage.anyStatus') }, ...choices(statusClasses)]}
        value={draft.statusClass ?? ''}
        onChange={(e: ChangeEvent<HTMLSelectElement>) =>
          set({ statusClass: (e.target.value || undefined) as UsageFilters['statusClass'] })
        }
      />
      <Field
        label={t('usage.method')}
        options={[{ value: '', label: t('usage.anyMethod') }, ...choices(logMethods)]}
        value={draft.method ?? ''}
        onChange={(e: ChangeEvent<HTMLSelectElement>) =>
          set({ method: (e.target.value || undefined) as UsageFilters['method'] })
        }
      />
      <button type="submit" className="button button--primary usage-filters__apply">
        {t('usage.apply')}
      </button>
    </form>
  );
}

/** The legacy usage log: every call made with the token, paged and filtered. */
export function UsageLogView() {
  const { t } = useTranslation('broadcast');
  const profile = useSettings((state) => state.settings?.musique.profile);
  const update = useSettings((state) => state.update);
  const items = useBroadcast((state) => state.usageItems);
  const total = useBroadcast((state) => state.usageTotal);
  const cursor = useBroadcast((state) => state.usageCursor);
  const loading = useBroadcast((state) => state.usageLoading);
  const loaded = useBroadcast((state) => state.usageLoaded);
  const error = useBroadcast((state) => state.usageError);
  const loadUsage = useBroadcast((state) => state.loadUsage);

  useEffect(() => {
    if (profile === 'legacy' && !loaded) void loadUsage();
  }, [profile, loaded, loadUsage]);

  if (profile !== 'legacy') {
    return (
      <EmptyState
        title={t('usage.legacyOnly')}
        body={t('usage.legacyBody')}
        action={{
          label: t('usage.legacyAction'),
          onClick: () => void update({ musique: { profile: 'legacy' } }),
        }}
      />
    );
  }

  return (
    <div className="usage-view">
      <Filters />
      {error && <ErrorNotice error={error} onRetry={() => void loadUsage()} />}
      <p className="usage-view__count" role="status">
        {loading
          ? t('usage.loading')
          : total !== undefined
            ? t('usage.count', { shown: items.length.toLocaleString(), count: total })
            : t('usage.countOpen', { count: items.length })}
      </p>
      {loaded && items.length === 0 && !loading && !error ? (
        <p className="usage-view__empty">{t('usage.empty')}</p>
      ) : (
        <DataTable
          label={t('usage.label')}
          columns={[
            t('usage.column.time'),
            t('usage.column.method'),
            t('usage.column.endpoint'),
            t('usage.column.status'),
            { label: t('usage.column.duration'), numeric: true },
            t('usage.column.requestId'),
          ]}
        >
          {items.map((entry, index) => (
            <tr key={`${entry.requestId ?? entry.timestamp}-${index}`}>
              <td>{formatDate(entry.timestamp, true)}</td>
              <td>{entry.method}</td>
              <td>
                <code>{entry.endpoint}</code>
              </td>
              <td>
                <span className={`status-code status-code--${statusTone(entry.status)}`}>
                  {entry.status}
                </span>
              </td>
              <td className="usage-table__num">
                {entry.durationMs === undefined ? '–' : `${Math.round(entry.durationMs)} ms`}
              </td>
              <td>
                <code>{entry.requestId ?? '–'}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {cursor && (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() => void loadUsage(true)}
        >
          {loading ? t('usage.loading') : t('usage.more')}
        </button>
      )}
    </div>
  );
}
