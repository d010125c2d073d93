import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { ExportButton } from './ExportButton.tsx';
import { storePageSize, useHistory } from './history-store.ts';
import { DataTable } from '../../../ui/table/DataTable.tsx';

/** Every announcement one store was sent, newest first, with its status and request ID. */
export function StoreHistory({ externalId }: { externalId: string }) {
  const { t } = useTranslation('jobs');
  const page = useHistory((state) => state.storePage);
  const offset = useHistory((state) => state.storeOffset);
  const error = useHistory((state) => state.storeError);
  const open = useHistory((state) => state.open);
  const loadStore = useHistory((state) => state.loadStore);
  const total = page?.total ?? 0;
  const rows = page?.rows ?? [];
  return (
    <article className="job-detail" aria-labelledby="store-history-title">
      <button type="button" className="link-button" onClick={() => open({ kind: 'list' })}>
        {t('history.back')}
      </button>
      <h2 id="store-history-title">{t('history.storeTitle', { id: externalId })}</h2>
      <ExportButton label={t('history.exportStore')} target={{ externalId }} />
      {error && <ErrorNotice error={error} onRetry={() => void loadStore()} />}
      <p className="job-rows__count" aria-live="polite">
        {!page
          ? t('history.loading')
          : total === 0
            ? t('history.storeNone')
            : t('history.storeCount', { count: total, total: total.toLocaleString() })}
      </p>
      {rows.length > 0 && (
        <DataTable
          label={t('history.storeTitle', { id: externalId })}
          columns={[
            t('history.column.created'),
            t('history.column.audio'),
            t('history.column.schedule'),
            t('rows.status'),
            t('rows.reason'),
            t('rows.requestId'),
            t('history.column.sender'),
          ]}
        >
          {rows.map((row) => (
            <tr key={row.jobId}>
              <td>{formatDate(row.createdAt, true)}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => open({ kind: 'job', jobId: row.jobId })}
                >
                  {row.audioName ?? row.audioId}
                </button>
                {row.test && <span className="badge">{t('history.test')}</span>}
              </td>
              <td>{row.scheduleAt ? formatDate(row.scheduleAt, true) : t('facts.now')}</td>
              <td>
                <span className={`store-status store-status--${row.status}`}>
                  {t(`status.${row.status}`)}
                </span>
              </td>
              <td className="job-rows__reason">{row.reason ?? '–'}</td>
              <td>
                <code>{row.requestId ?? '–'}</code>
              </td>
              <td>
                {row.sender.externalId ?? '–'}
                {row.sender.environment ? ` · ${row.sender.environment}` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="job-rows__bar">
        <button
          type="button"
          className="button"
          disabled={offset === 0}
          onClick={() => void loadStore(Math.max(0, offset - storePageSize))}
        >
          {t('rows.previous')}
        </button>
        <button
          type="button"
          className="button"
          disabled={offset + storePageSize >= total}
          onClick={() => void loadStore(offset + storePageSize)}
        >
          {t('rows.next')}
        </button>
      </div>
    </article>
  );
}
