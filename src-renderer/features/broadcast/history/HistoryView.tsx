import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../../lib/navigation-store.ts';
import { formatDate } from '../../../lib/format.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { jobTitle, useJobs, useOptionsText, useScheduleText } from '../jobs/index.ts';
import { HistoryFilterForm } from './HistoryFilterForm.tsx';
import { HistoryJob } from './HistoryJob.tsx';
import { historyPageSize, useHistory } from './history-store.ts';
import { outcomeOf } from './history-view-model.ts';
import { StoreHistory } from './StoreHistory.tsx';
import { DataTable } from '../../../ui/table/DataTable.tsx';

/** The History tab: every job newest first, filtered and paged; a job or a store opened. */
export function HistoryView() {
  const { t } = useTranslation('jobs');
  const go = useNavigation((state) => state.go);
  const page = useHistory((state) => state.page);
  const offset = useHistory((state) => state.offset);
  const loading = useHistory((state) => state.loading);
  const error = useHistory((state) => state.error);
  const focus = useHistory((state) => state.focus);
  const load = useHistory((state) => state.load);
  const open = useHistory((state) => state.open);
  const live = useJobs((state) => state.byId);
  const schedule = useScheduleText();
  const options = useOptionsText();

  useEffect(() => {
    void load();
  }, [load]);

  if (focus.kind === 'store') return <StoreHistory externalId={focus.externalId} />;
  if (focus.kind === 'job') {
    const job = page?.jobs.find((candidate) => candidate.id === focus.jobId) ?? live[focus.jobId];
    if (job) return <HistoryJob job={live[job.id] ?? job} />;
  }

  // A job still running in this session shows its live state, not the one the page was read at.
  const jobs = (page?.jobs ?? []).map((job) => live[job.id] ?? job);
  const total = page?.total ?? 0;
  return (
    <div className="usage-view history-view">
      {page && (
        <p className="muted" data-testid="history-kept">
          {t('history.kept', { count: page.historyDays })}{' '}
          <button type="button" className="link-button" onClick={() => go('settings', 'general')}>
            {t('history.change')}
          </button>
        </p>
      )}
      <HistoryFilterForm />
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      <p className="usage-view__count" role="status">
        {loading && !page
          ? t('history.loading')
          : total === 0
            ? t('history.none')
            : t('history.count', {
                from: (offset + 1).toLocaleString(),
                to: (offset + jobs.length).toLocaleString(),
                total: total.toLocaleString(),
              })}
      </p>
      {jobs.length > 0 && (
        <DataTable
          label={t('history.label')}
          columns={[
            t('history.column.created'),
            t('history.column.audio'),
            t('history.column.sender'),
            t('history.column.schedule'),
            t('history.column.targets'),
            t('history.column.options'),
            t('history.column.outcome'),
          ]}
        >
          {jobs.map((job) => (
            <tr key={job.id} data-job={job.id}>
              <td>{formatDate(job.createdAt, true)}</td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => open({ kind: 'job', jobId: job.id })}
                >
                  {jobTitle(job)}
                </button>{' '}
                {job.test && <span className="badge">{t('history.test')}</span>}
              </td>
              <td>
                {job.sender.externalId ?? '–'}
                {job.sender.environment ? ` · ${job.sender.environment}` : ''}
              </td>
              <td>{schedule(job)}</td>
              <td>{job.counts.total.toLocaleString()}</td>
              <td>{options(job)}</td>
              <td>{t(`history.outcome.${outcomeOf(job)}`)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="job-rows__bar">
        <button
          type="button"
          className="button"
          disabled={offset === 0 || loading}
          onClick={() => void load(Math.max(0, offset - historyPageSize))}
        >
          {t('history.previous')}
        </button>
        <button
          type="button"
          className="button"
          disabled={offset + historyPageSize >= total || loading}
          onClick={() => void load(offset + historyPageSize)}
        >
          {t('history.next')}
        </button>
      </div>
    </div>
  );
}
