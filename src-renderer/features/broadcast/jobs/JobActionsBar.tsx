import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BroadcastAction,
  BroadcastJob,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { actionsOf, jobTitle } from './job-view-model.ts';
import { useJobs } from './jobs-store.ts';

/** A button with its consequence written under it (and read with it). */
function Action(props: {
  label: string;
  hint: string;
  busy: boolean;
  danger?: boolean;
  onClick: () => void;
}) {
  const hintId = useId();
  return (
    <div className="job-action">
      <button
        type="button"
        className={`button${props.danger ? ' button--danger' : ''}`}
        aria-describedby={hintId}
        disabled={props.busy}
        onClick={props.onClick}
      >
        {props.label}
      </button>
      <p id={hintId} className="job-action__hint">
        {props.hint}
      </p>
    </div>
  );
}

/** Pause, resume, cancel the rest and retry failed: only those that apply now. */
export function JobActionsBar({ job }: { job: BroadcastJob }) {
  const { t } = useTranslation('jobs');
  const busy = useJobs((state) => state.busy?.jobId === job.id);
  const actionError = useJobs((state) =>
    state.actionError?.jobId === job.id ? state.actionError.error : undefined,
  );
  const control = useJobs((state) => state.control);
  const clearError = useJobs((state) => state.clearActionError);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const actions = actionsOf(job);
  const unsent = job.counts.pending + job.counts.inFlight;
  const run = (action: BroadcastAction) => void control(job.id, action);

  return (
    <section className="job-actions" aria-label={t('actions.label')}>
      <div className="job-actions__list">
        {actions.pause && (
          <Action
            label={t('actions.pause')}
            hint={t('actions.pauseHint')}
            busy={busy}
            onClick={() => run('pause')}
          />
        )}
        {actions.resume && (
          <Action
            label={t('actions.resume')}
            hint={t('actions.resumeHint')}
            busy={busy}
            onClick={() => run('resume')}
          />
        )}
        {actions.retryFailed && (
          <Action
            label={t('actions.retryFailed')}
            hint={t('actions.retryFailedHint', { count: job.counts.failed })}
            busy={busy}
            onClick={() => run('retryFailed')}
          />
        )}
        {actions.cancel && (
          <Action
            label={t('actions.cancel')}
            hint={t('actions.cancelHint', { count: unsent })}
            busy={busy}
            danger
            onClick={() => setConfirmCancel(true)}
          />
        )}
      </div>
      {actionError && <ErrorNotice error={actionError} onDismiss={clearError} />}
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title={t('actions.cancelTitle')}
        description={t('actions.cancelBody', {
          count: unsent,
          audio: jobTitle(job),
          sent: job.counts.sent,
        })}
        confirmLabel={t('actions.cancelConfirm', { count: unsent })}
        cancelLabel={t('actions.keep')}
        destructive
        busy={busy}
        onConfirm={() => {
          setConfirmCancel(false);
          run('cancel');
        }}
      />
    </section>
  );
}
