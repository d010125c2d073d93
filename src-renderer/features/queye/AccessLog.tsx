import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { useAccount } from './account-store.ts';

/** Queye's record of what happened with the key, newest first, a page at a time. */
export function AccessLog() {
  const { t } = useTranslation('queye');
  const log = useAccount((state) => state.log);
  const cursor = useAccount((state) => state.logCursor);
  const busy = useAccount((state) => state.busy);
  const more = useAccount((state) => state.moreLog);
  if (!log.length) return <p className="muted">{t('account.log.empty')}</p>;
  return (
    <>
      <table className="queye-log">
        <thead>
          <tr>
            <th scope="col">{t('account.log.at')}</th>
            <th scope="col">{t('account.log.app')}</th>
            <th scope="col">{t('account.log.action')}</th>
            <th scope="col">{t('account.log.request')}</th>
          </tr>
        </thead>
        <tbody>
          {log.map((entry, index) => (
            <tr key={`${entry.requestId ?? ''}-${index}`}>
              <td>{formatDate(entry.at, true)}</td>
              <td>{entry.clientName ?? entry.clientId ?? '–'}</td>
              <td>{entry.action.replace(/_/g, ' ')}</td>
              <td>
                <code>{entry.requestId ?? '–'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button
          type="button"
          className="button"
          disabled={busy !== undefined}
          onClick={() => void more()}
        >
          {t('account.log.more')}
        </button>
      )}
    </>
  );
}
