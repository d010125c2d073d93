import { Send } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '../../../lib/format.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useBroadcast } from '../broadcast-store.ts';
import { JobDetail } from './JobDetail.tsx';
import { isOpen, jobTitle, stateOf } from './job-view-model.ts';
import { useJobs } from './jobs-store.ts';
import { NotificationOffer } from './NotificationOffer.tsx';
import './jobs.css';

/** The Sending tab: jobs in progress first, then recent ones; the focused one in full. */
export function JobsView() {
  const { t } = useTranslation('jobs');
  const jobs = useJobs((state) => state.jobs);
  const loaded = useJobs((state) => state.loaded);
  const loadError = useJobs((state) => state.loadError);
  const focusedJobId = useBroadcast((state) => state.focusedJobId);
  const openJob = useBroadcast((state) => state.openJob);
  const compose = useBroadcast((state) => state.compose);
  const focusedKnown = useJobs((state) => !focusedJobId || focusedJobId in state.byId);

  // A job just started may be opened before its first push arrives: ask main for the list.
  useEffect(() => {
    if (!focusedKnown) void useJobs.getState().load();
  }, [focusedKnown]);

  if (loadError && jobs.length === 0)
    return <ErrorNotice error={loadError} onRetry={() => void useJobs.getState().load()} />;
  if (loaded && jobs.length === 0)
    return (
      <EmptyState
        icon={<Send size={36} />}
        title={t('list.empty')}
        body={t('list.emptyBody')}
        action={{ label: t('list.compose'), onClick: () => compose() }}
      />
    );

  const focused = jobs.find((job) => job.id === focusedJobId) ?? jobs[0];
  const open = jobs.filter(isOpen);
  const recent = jobs.filter((job) => !isOpen(job)).slice(0, 20);
  const group = (label: string, list: typeof jobs) =>
    list.length > 0 && (
      <>
        <h3 className="job-list__heading">{label}</h3>
        <ul className="job-list__items">
          {list.map((job) => (
            <li key={job.id}>
              <button
                type="button"
                className="job-list__item"
                aria-current={job.id === focused?.id ? 'true' : undefined}
                onClick={() => openJob(job.id)}
              >
                <span className="job-list__title">{jobTitle(job)}</span>
                <span className="job-list__meta">
                  {job.sender.demo && `${t('facts.demo')} · `}
                  {t(`state.${stateOf(job)}`)} · {t('list.stores', { count: job.counts.total })}
                  {' · '}
                  {formatRelative(job.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </>
    );

  return (
    <div className="jobs-view">
      <NotificationOffer />
      <nav className="job-list" aria-label={t('list.label')}>
        {group(t('list.open'), open)}
        {group(t('list.recent'), recent)}
      </nav>
      {focused && <JobDetail job={focused} />}
    </div>
  );
}
