import { useTranslation } from 'react-i18next';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { countLines, JobFacts, jobTitle, JobRows } from '../jobs/index.ts';
import { ExportButton } from './ExportButton.tsx';
import { useHistory } from './history-store.ts';
import { outcomeOf } from './history-view-model.ts';

/** One job from history: its facts and outcome, every store's status, and its CSV. */
export function HistoryJob({ job }: { job: BroadcastJob }) {
  const { t } = useTranslation('jobs');
  const open = useHistory((state) => state.open);
  return (
    <article className="job-detail" aria-labelledby={`history-job-${job.id}`}>
      <button type="button" className="link-button" onClick={() => open({ kind: 'list' })}>
        {t('history.back')}
      </button>
      <header className="job-detail__header">
        <h2 id={`history-job-${job.id}`}>{jobTitle(job)}</h2>
        {job.test && <span className="badge">{t('history.test')}</span>}
        <span className="badge">{t(`history.outcome.${outcomeOf(job)}`)}</span>
      </header>
      <dl className="job-counts" aria-label={t('counts.label')}>
        {countLines(job).map(({ status, count }) => (
          <div key={status} className={`job-counts__item store-status--${status}`}>
            <dt>{t(`counts.${status}`)}</dt>
            <dd>{count.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <JobFacts job={job} />
      <ExportButton label={t('history.exportJob')} target={{ jobId: job.id }} />
      <JobRows
        key={job.id}
        jobId={job.id}
        version={job.updatedAt}
        onOpenStore={(externalId) => open({ kind: 'store', externalId })}
      />
    </article>
  );
}
