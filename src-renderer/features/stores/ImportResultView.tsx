import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../src-preload/contract/schemas/stores.ts';
import { formatCount } from '../../lib/format.ts';
import { useStoreImport } from './import-store.ts';

/** "1,187 imported, 9 updated, 4 skipped (see why)", with the why one click away. */
export function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useTranslation('stores');
  const close = useStoreImport((state) => state.close);
  return (
    <section className="store-import" aria-labelledby="store-import-done">
      <h2 id="store-import-done" role="status">
        {t('import.result', {
          imported: formatCount(result.imported),
          updated: formatCount(result.updated),
          skipped: formatCount(result.skipped),
        })}
        {result.unchanged > 0 &&
          ` ${t('import.resultUnchanged', { unchanged: formatCount(result.unchanged) })}`}
      </h2>
      {result.skipped > 0 && (
        <details className="store-import__skipped">
          <summary>{t('import.seeWhy')}</summary>
          <ul>
            {result.skippedRows.map((row) => (
              <li key={row.line}>
                {t('import.line', { line: row.line })} <code>{row.externalId || '—'}</code>{' '}
                {row.reason}
              </li>
            ))}
          </ul>
          {result.skipped > result.skippedRows.length && (
            <p>{t('import.moreSkipped', { count: result.skipped - result.skippedRows.length })}</p>
          )}
        </details>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={() => void close()}>
          {t('import.done')}
        </button>
      </div>
    </section>
  );
}
