import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BroadcastJob,
  UnknownChunkView,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { jobTitle } from './job-view-model.ts';
import { useJobs } from './jobs-store.ts';

/** Each request Musique gave no certain answer to, as the engine asks it: resend, or leave. */
export function UnknownQuestions({ job }: { job: BroadcastJob }) {
  const { t } = useTranslation('jobs');
  const busy = useJobs((state) => state.busy?.jobId === job.id);
  const control = useJobs((state) => state.control);
  const [resending, setResending] = useState<UnknownChunkView>();
  if (job.unknown.length === 0) return null;

  return (
    <section className="job-unknown" aria-labelledby={`unknown-${job.id}`}>
      <h3 id={`unknown-${job.id}`}>{t('unknown.title')}</h3>
      <p>{t('unknown.intro')}</p>
      <ul className="job-unknown__list">
        {job.unknown.map((question) => (
          <li key={question.chunk} className="job-unknown__item" data-chunk={question.chunk}>
            <p>{question.question}</p>
            {question.left && <p className="muted">{t('unknown.left')}</p>}
            <div className="job-unknown__actions">
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => setResending(question)}
              >
                {t('unknown.resend', { count: question.stores })}
              </button>
              {!question.left && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy}
                  onClick={() => void control(job.id, 'leaveUnknown', [question.chunk])}
                >
                  {t('unknown.leave')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={resending !== undefined}
        onOpenChange={(open) => !open && setResending(undefined)}
        title={t('unknown.resendTitle', { count: resending?.stores ?? 0 })}
        description={t('unknown.resendBody', {
          count: resending?.stores ?? 0,
          audio: jobTitle(job),
          request: resending?.requestId ?? '–',
        })}
        confirmLabel={t('unknown.resendConfirm', { count: resending?.stores ?? 0 })}
        cancelLabel={t('unknown.cancel')}
        busy={busy}
        onConfirm={() => {
          const chunk = resending?.chunk;
          setResending(undefined);
          if (chunk !== undefined) void control(job.id, 'resendUnknown', [chunk]);
        }}
      />
    </section>
  );
}
