import { useTranslation } from 'react-i18next';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { useNavigation } from '../../../lib/navigation-store.ts';
import { reasonKind, stateOf, waitOf } from './job-view-model.ts';

/** What the job is doing, in plain words, and what to do about it when it needs the user. */
export function JobStateNotice({ job }: { job: BroadcastJob }) {
  const { t } = useTranslation('jobs');
  const go = useNavigation((state) => state.go);
  const state = stateOf(job);
  const wait = waitOf(job);

  if (state === 'waiting' && wait) {
    return (
      <div className="job-notice job-notice--wait" data-testid="job-state" data-state={state}>
        <p className="job-notice__title">{t(`wait.${wait.window}`, { at: wait.at })}</p>
        <p>{t('wait.explain')}</p>
      </div>
    );
  }
  if (state === 'paused-by-engine' && job.pauseReason) {
    const kind = reasonKind(job.pauseReason);
    return (
      <div className="job-notice job-notice--bad" data-testid="job-state" data-state={state}>
        <p className="job-notice__title">
          {t('reason.title', { message: job.pauseReason.message })}
        </p>
        <p>{t(`reason.${kind}`)}</p>
        {job.pauseReason.requestId && (
          <p>
            {t('reason.reference', { id: '' })}
            <code>{job.pauseReason.requestId}</code>
          </p>
        )}
        {(kind === 'token' || kind === 'permission') && (
          <button type="button" className="button" onClick={() => go('settings', 'musique')}>
            {t('reason.openSettings')}
          </button>
        )}
      </div>
    );
  }
  if (state === 'stopped' && job.stopped) {
    return (
      <div className="job-notice job-notice--bad" data-testid="job-state" data-state={state}>
        <p className="job-notice__title">{t('stopped.title', { message: job.stopped.message })}</p>
        <p>{t('stopped.body')}</p>
      </div>
    );
  }
  const explain =
    state === 'running' ||
    state === 'paused-by-user' ||
    state === 'needs-attention' ||
    state === 'done' ||
    state === 'done-with-failures' ||
    state === 'cancelled'
      ? t(`explain.${state}`)
      : undefined;
  return (
    <div className="job-notice" data-testid="job-state" data-state={state}>
      <p className="job-notice__title">{t(`state.${state}`)}</p>
      {explain && <p>{explain}</p>}
    </div>
  );
}
