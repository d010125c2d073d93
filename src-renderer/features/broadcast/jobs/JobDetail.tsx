import { useTranslation } from 'react-i18next';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { ProgressBar } from '../../../ui/ProgressBar.tsx';
import { DemoClockOffer } from './DemoClockOffer.tsx';
import { JobActionsBar } from './JobActionsBar.tsx';
import { JobFacts } from './JobFacts.tsx';
import { JobRows } from './JobRows.tsx';
import { JobStateNotice } from './JobStateNotice.tsx';
import { countLines, jobTitle, progressOf, settled } from './job-view-model.ts';
import { UnknownQuestions } from './UnknownQuestions.tsx';

/** One job, live: counts and bar, what it is doing, what can be done, and its stores. */
export function JobDetail({ job }: { job: BroadcastJob }) {
  const { t } = useTranslation('jobs');
  const title = jobTitle(job);
  return (
    <article className="job-detail" aria-labelledby={`job-title-${job.id}`}>
      <header className="job-detail__header">
        <h2 id={`job-title-${job.id}`}>{title}</h2>
        {job.test && <span className="badge">{t('facts.test')}</span>}
        {job.sender.demo && <span className="badge">{t('facts.demo')}</span>}
      </header>
      <ProgressBar
        value={progressOf(job)}
        label={t('counts.progress', { audio: title })}
        valueText={t('counts.progressText', {
          done: settled(job).toLocaleString(),
          total: job.counts.total.toLocaleString(),
        })}
      />
      <dl className="job-counts" aria-label={t('counts.label')}>
        {countLines(job).map(({ status, count }) => (
          <div key={status} className={`job-counts__item store-status--${status}`}>
            <dt>{t(`counts.${status}`)}</dt>
            <dd data-testid={`count-${status}`}>{count.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {job.skipped ? <p className="muted">{t('counts.skipped', { count: job.skipped })}</p> : null}
      <JobStateNotice job={job} />
      <DemoClockOffer job={job} />
      <JobActionsBar job={job} />
      <UnknownQuestions job={job} />
      <JobFacts job={job} />
      <JobRows key={job.id} jobId={job.id} version={job.updatedAt} />
    </article>
  );
}
