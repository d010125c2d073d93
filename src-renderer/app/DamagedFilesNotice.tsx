import { FileWarning } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDamagedFiles } from './damaged-files-store.ts';

/**
 * Says, on every screen, which data file could not be read and what was reset, and where the
 * damaged copy was kept, until the user dismisses it: nothing is reset without a word.
 */
export function DamagedFilesNotice() {
  const { t } = useTranslation();
  const notices = useDamagedFiles((state) => state.notices);
  const dismiss = useDamagedFiles((state) => state.dismiss);
  if (!notices.length) return null;
  return (
    <section className="damaged-files" aria-labelledby="damaged-files-title">
      <h2 id="damaged-files-title" className="damaged-files__title">
        <FileWarning size={18} aria-hidden="true" />
        {t('damagedFiles.title', { count: notices.length })}
      </h2>
      <ul className="damaged-files__list">
        {notices.map((notice) => (
          <li key={notice.id} className="damaged-files__item">
            <div>
              <p>{notice.what}</p>
              <p className="damaged-files__detail">
                {notice.keptAs
                  ? t('damagedFiles.keptAs', { file: notice.file, keptAs: notice.keptAs })
                  : t('damagedFiles.notKept', { file: notice.file })}
              </p>
            </div>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void dismiss(notice.id)}
              aria-label={t('damagedFiles.dismiss', { file: notice.file })}
            >
              {t('error.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
