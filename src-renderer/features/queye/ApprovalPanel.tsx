import { Copy, Hourglass } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueyeApproval } from '../../../src-preload/contract/schemas/queye.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useQueye } from './queye-store.ts';
import { useNow } from '../../lib/use-now.ts';

/**
 * A locked key: what the user must do in their Queye account (with the request ID to look
 * for), a live "waiting" line while main retries with back-off, "Check now" and Cancel.
 */
export function ApprovalPanel({ approval }: { approval: QueyeApproval }) {
  const { t } = useTranslation('queye');
  const busy = useQueye((state) => state.busy);
  const error = useQueye((state) => state.error);
  const retry = useQueye((state) => state.retryApproval);
  const cancel = useQueye((state) => state.cancelApproval);
  const now = useNow();
  const [copied, setCopied] = useState(false);
  const next = approval.nextAttemptAt ? Date.parse(approval.nextAttemptAt) : undefined;
  const seconds = next === undefined ? undefined : Math.max(0, Math.ceil((next - now) / 1000));

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(approval.requestId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="card queye-approval" aria-labelledby="queye-approval-title">
      <h3 id="queye-approval-title">{t('approval.title')}</h3>
      <p>{t('approval.intro')}</p>
      <ol className="queye-approval__steps">
        <li>{t('approval.step1')}</li>
        <li>
          {t('approval.step2')}{' '}
          <code className="queye-approval__id" data-testid="approval-request-id">
            {approval.requestId}
          </code>{' '}
          <button type="button" className="button button--quiet" onClick={() => void copy()}>
            <Copy size={14} aria-hidden="true" />
            {copied ? t('approval.copied') : t('approval.copy')}
          </button>
        </li>
        <li>{t('approval.step3')}</li>
      </ol>
      <p className="queye-approval__waiting">
        <Hourglass size={16} aria-hidden="true" className="queye-approval__spinner" />
        {/* Only the state is announced; the countdown would speak every second. */}
        <span role="status">
          {busy === 'retry' ? t('approval.checking') : t('approval.waiting')}
        </span>
        {busy !== 'retry' && seconds !== undefined && (
          <span className="muted">{t('approval.next', { count: approval.attempts, seconds })}</span>
        )}
      </p>
      {error && <ErrorNotice error={error} />}
      <div className="queye-form__actions">
        <button
          type="button"
          className="button"
          disabled={busy !== undefined}
          onClick={() => void cancel()}
        >
          {t('approval.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy !== undefined}
          onClick={() => void retry()}
        >
          {t('approval.checkNow')}
        </button>
      </div>
    </section>
  );
}
