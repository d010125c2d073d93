import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error.ts';

interface Props {
  error: ApiError;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** Every error the user sees: what happened, what to do next, and the reference to quote. */
export function ErrorNotice({ error, onRetry, onDismiss }: Props) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!error.requestId) return;
    try {
      await navigator.clipboard.writeText(error.requestId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="error-notice" role="alert">
      <p className="error-notice__message">{error.message}</p>
      {error.action && <p className="error-notice__action">{error.action}</p>}
      <div className="error-notice__footer">
        {error.requestId && (
          <>
            <code className="error-notice__reference">
              {t('error.requestId', { id: error.requestId })}
            </code>
            <button type="button" className="button button--quiet" onClick={() => void copy()}>
              {copied ? t('error.copied') : t('error.copy')}
            </button>
          </>
        )}
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        )}
        {onDismiss && (
          <button type="button" className="button button--quiet" onClick={onDismiss}>
            {t('error.dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}
