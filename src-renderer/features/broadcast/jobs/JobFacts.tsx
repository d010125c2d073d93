import { useTranslation } from 'react-i18next';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { formatDate } from '../../../lib/format.ts';

/** "Now", "At 5 Mar 2026, 14:00", "09:00 in each store's own time zone". */
export function useScheduleText() {
  const { t } = useTranslation('jobs');
  return (job: BroadcastJob): string => {
    const { schedule } = job;
    if (schedule.kind === 'now') return t('facts.now');
    if (schedule.kind === 'at') return t('facts.at', { at: formatDate(schedule.at, true) });
    return t('facts.local', {
      time: `${formatDate(`${schedule.localTime}:00`)} ${schedule.localTime.slice(11)}`,
    });
  };
}

/** "high priority, repeat 2×, volume 80" with Musique's defaults for what was not set. */
export function useOptionsText() {
  const { t } = useTranslation('jobs');
  return (job: BroadcastJob): string =>
    t('facts.optionsText', {
      priority: job.options.priority ?? 'normal',
      repeat: job.options.repeat ?? 1,
      volume: job.options.volume ?? '–',
    });
}

/** Who sent the job, when, how and to how many requests. */
export function JobFacts({ job }: { job: BroadcastJob }) {
  const { t } = useTranslation('jobs');
  const schedule = useScheduleText();
  const options = useOptionsText();
  return (
    <dl className="facts job-facts">
      <dt>{t('facts.sender')}</dt>
      <dd>
        {job.sender.externalId ?? '–'}
        {job.sender.environment ? ` · ${job.sender.environment}` : ''}
      </dd>
      <dt>{t('facts.created')}</dt>
      <dd>{formatDate(job.createdAt, true)}</dd>
      <dt>{t('facts.schedule')}</dt>
      <dd>{schedule(job)}</dd>
      <dt>{t('facts.options')}</dt>
      <dd>{options(job)}</dd>
      <dt>{t('facts.requests')}</dt>
      <dd>{job.requests.toLocaleString()}</dd>
      {job.finishedAt && (
        <>
          <dt>{t('facts.finished')}</dt>
          <dd>{formatDate(job.finishedAt, true)}</dd>
        </>
      )}
    </dl>
  );
}
