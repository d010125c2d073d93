import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  storeStatuses,
  type RowsPage,
  type StoreStatus,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import { toApiError, type ApiError } from '../../../api/api-error.ts';
import { api } from '../../../api/client.ts';
import { formatDate } from '../../../lib/format.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field } from '../../../ui/Field.tsx';
import { DataTable } from '../../../ui/table/DataTable.tsx';

export const rowsPageSize = 50;

interface Props {
  jobId: string;
  /** Changes whenever the job does (its `updatedAt`): the page is fetched again. */
  version: string;
  /** Opens one store's history (History tab); absent, store IDs are plain text. */
  onOpenStore?: (externalId: string) => void;
}

/** One job's stores (key it by job ID), a page at a time from main, filtered by status: reasons and request IDs. */
export function JobRows({ jobId, version, onOpenStore }: Props) {
  const { t } = useTranslation('jobs');
  const [status, setStatus] = useState<StoreStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RowsPage>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    // Only the newest request's answer is shown: pushes can refetch faster than answers come.
    const request = ++latest.current;
    api.broadcast.rows({ jobId, offset, limit: rowsPageSize, ...(status ? { status } : {}) }).then(
      (answer) => {
        if (request !== latest.current) return;
        setPage(answer);
        setError(undefined);
      },
      (caught: unknown) => {
        if (request === latest.current) setError(toApiError(caught));
      },
    );
  }, [jobId, status, offset, version, attempt]);

  const total = page?.total ?? 0;
  const rows = page?.rows ?? [];
  return (
    <section className="job-rows" aria-label={t('rows.label')}>
      <div className="job-rows__bar">
        <Field
          label={t('rows.filter')}
          options={[
            { value: '', label: t('rows.all') },
            ...storeStatuses.map((value) => ({ value, label: t(`status.${value}`) })),
          ]}
          value={status}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => {
            setStatus(event.target.value as StoreStatus | '');
            setOffset(0);
          }}
        />
        <p className="job-rows__count" aria-live="polite">
          {!page
            ? t('rows.loading')
            : total === 0
              ? t('rows.none')
              : t('rows.count', {
                  from: (offset + 1).toLocaleString(),
                  to: (offset + rows.length).toLocaleString(),
                  total: total.toLocaleString(),
                })}
        </p>
        <button
          type="button"
          className="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - rowsPageSize))}
        >
          {t('rows.previous')}
        </button>
        <button
          type="button"
          className="button"
          disabled={offset + rowsPageSize >= total}
          onClick={() => setOffset(offset + rowsPageSize)}
        >
          {t('rows.next')}
        </button>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {rows.length > 0 && (
        <DataTable
          label={t('rows.label')}
          columns={[
            t('rows.store'),
            t('rows.status'),
            t('rows.reason'),
            t('rows.requestId'),
            t('rows.at'),
          ]}
        >
          {rows.map((row) => (
            <tr key={row.externalId} data-status={row.status}>
              <td>
                {onOpenStore ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('rows.openStore', { id: row.externalId })}
                    onClick={() => onOpenStore(row.externalId)}
                  >
                    {row.externalId}
                  </button>
                ) : (
                  row.externalId
                )}
              </td>
              <td>
                <span className={`store-status store-status--${row.status}`}>
                  {t(`status.${row.status}`)}
                </span>
              </td>
              <td className="job-rows__reason">{row.reason ?? '–'}</td>
              <td>
                <code>{row.requestId ?? '–'}</code>
              </td>
              <td>{row.at ? formatDate(new Date(row.at).toISOString(), true) : '–'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
