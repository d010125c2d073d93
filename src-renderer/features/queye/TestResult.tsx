import { CheckCircle2, Clock3 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { QueyeTestResult } from '../../../src-preload/contract/schemas/queye.ts';

/** What "Test connection" found: whether Queye answered, and what the keys can do. */
export function TestResult({ result }: { result: QueyeTestResult }) {
  const { t } = useTranslation('queye');
  const { health, exchange } = result;
  return (
    <section className="queye-test" role="status" aria-label={t('form.result.title')}>
      <p>
        <CheckCircle2 size={16} aria-hidden="true" className="queye-test__ok" />
        {t('form.result.health', {
          ms: health.latencyMs,
          status: health.status,
          version: health.version ? `, version ${health.version}` : '',
        })}
      </p>
      <p>
        {exchange.ok ? (
          <CheckCircle2 size={16} aria-hidden="true" className="queye-test__ok" />
        ) : (
          <Clock3 size={16} aria-hidden="true" className="queye-test__wait" />
        )}
        {exchange.ok
          ? t('form.result.ok', { user: exchange.userId })
          : t('form.result.approval', { id: exchange.approvalRequestId })}
      </p>
    </section>
  );
}
