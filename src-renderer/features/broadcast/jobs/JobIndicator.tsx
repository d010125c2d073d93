import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../../ui/ProgressBar.tsx';
import {
  inIndicator,
  jobTitle,
  needsDecision,
  progressOf,
  settled,
  stateOf,
} from './job-view-model.ts';
import { useJobs } from './jobs-store.ts';
import { openJobAnywhere } from './job-watch.ts';

/**
 * Visible from every section while a job sends, waits, is paused or needs a decision: the one
 * that most needs the user, with a bar; activating it opens that job.
 */
export function JobIndicator() {
  const { t } = useTranslation('jobs');
  const jobs = useJobs((state) => state.jobs);
  const shown = jobs.filter(inIndicator);
  const job = shown.find(needsDecision) ?? shown[0];
  if (!job) return null;
  const state = stateOf(job);
  const title = jobTitle(job);
  const words = t(`indicator.${state as 'running'}`, {
    done: settled(job).toLocaleString(),
    total: job.counts.total.toLocaleString(),
  });
  return (
    <section className="job-indicator" aria-label={t('indicator.label')} data-state={state}>
      <button
        type="button"
        className="job-indicator__open"
        aria-label={`${words} — ${t('indicator.open', { audio: title })}`}
        onClick={() => openJobAnywhere(job.id)}
      >
        <span className="job-indicator__words">{words}</span>
        <span className="job-indicator__title">{title}</span>
        {shown.length > 1 && (
          <span className="job-indicator__more">
            {t('indicator.more', { count: shown.length - 1 })}
          </span>
        )}
      </button>
      <ProgressBar value={progressOf(job)} label={t('indicator.progress', { audio: title })} />
      {/* Announces changes of state only, not every count. */}
      <p className="visually-hidden" role="status">
        {`${t(`state.${state}`)}: ${title}`}
      </p>
    </section>
  );
}
