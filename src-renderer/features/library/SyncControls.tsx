import { RefreshCw, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../src-preload/contract/schemas/library.ts';
import { formatCount, formatRelative } from '../../lib/format.ts';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { useLibrary } from './library-store.ts';

/** "12,400 of 100,000 tracks", or what the sync is doing when there is no total. */
export function useProgressText(progress: SyncProgress | undefined): string {
  const { t } = useTranslation('library');
  if (!progress) return '';
  if (progress.phase === 'saving') return t('sync.saving');
  if (progress.phase === 'albums' || progress.phase === 'playlists') return t('sync.lists');
  if (progress.kind === 'incremental' && progress.done === 0) return t('sync.checking');
  const counted =
    progress.total !== undefined
      ? t('sync.progress', {
          done: formatCount(progress.done),
          total: formatCount(progress.total),
        })
      : t('sync.progressUnknown', { done: formatCount(progress.done) });
  return progress.resumed ? `${counted} (${t('sync.resumed')})` : counted;
}

export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const { t } = useTranslation('library');
  const text = useProgressText(progress);
  const value =
    progress.total && progress.phase === 'tracks'
      ? progress.done / progress.total
      : progress.phase === 'tracks'
        ? undefined
        : 1;
  return <ProgressBar label={t('sync.progressLabel')} value={value} valueText={text} />;
}

/** Sync now / Cancel, the progress of a running sync, and when the last one finished. */
export function SyncControls() {
  const { t } = useTranslation('library');
  const status = useLibrary((state) => state.status);
  const progress = useLibrary((state) => state.progress);
  const sync = useLibrary((state) => state.sync);
  const cancel = useLibrary((state) => state.cancelSync);
  const running = progress ?? status?.syncing;
  const blocked = status?.blocked === 'signed-out' || status?.blocked === 'awaiting-approval';
  return (
    <div className="sync-controls">
      {running ? (
        <>
          <div className="sync-controls__progress">
            <SyncProgressBar progress={running} />
          </div>
          <button type="button" className="button" onClick={() => void cancel()}>
            <X size={16} aria-hidden="true" />
            {t('sync.cancel')}
          </button>
        </>
      ) : (
        <>
          <span className="sync-controls__last">
            {status?.lastSyncAt
              ? t('summary.lastSync', { when: formatRelative(status.lastSyncAt) })
              : t('summary.neverSynced')}
          </span>
          <button
            type="button"
            className="button"
            disabled={blocked || status?.state !== 'ready'}
            onClick={() => void sync()}
          >
            <RefreshCw size={16} aria-hidden="true" />
            {t('sync.now')}
          </button>
        </>
      )}
    </div>
  );
}
