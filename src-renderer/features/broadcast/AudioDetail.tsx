import { Send, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioItem } from '../../../src-preload/contract/schemas/musique.ts';
import { formatBytes, formatCount, formatDate, formatDuration } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { notify } from '../../ui/toast-store.ts';
import { PreviewButton } from '../player/index.ts';
import { useBroadcast } from './broadcast-store.ts';
import { usePermission } from './use-permission.ts';

/** Fresh figures are asked for once the selection rests, not for every row the arrows pass. */
const detailDelayMs = 400;

/** Everything Musique says about one item, its statistics, and deleting it. */
export function AudioDetail({ item }: { item: AudioItem }) {
  const { t } = useTranslation('broadcast');
  const detail = useBroadcast((state) => (state.detail?.id === item.id ? state.detail : undefined));
  const loading = useBroadcast((state) => state.detailLoading);
  const detailError = useBroadcast((state) => state.detailError);
  const deleting = useBroadcast((state) => state.deleting === item.id);
  const deleteError = useBroadcast((state) => state.deleteError);
  const loadDetail = useBroadcast((state) => state.loadDetail);
  const deleteAudio = useBroadcast((state) => state.deleteAudio);
  const clearDeleteError = useBroadcast((state) => state.clearDeleteError);
  const canDelete = usePermission('audio.delete');
  const canRead = usePermission('audio.read');
  const canSend = usePermission('audio.send');
  const sendReasonId = useId();
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const shown = detail ?? item;

  useEffect(() => {
    if (!canRead.allowed) return;
    const timer = setTimeout(() => void loadDetail(item.id), detailDelayMs);
    return () => clearTimeout(timer);
  }, [item.id, loadDetail, canRead.allowed]);

  const conflict = deleteError?.code === 'audio_has_pending_sends';
  return (
    <section className="audio-detail" aria-labelledby="audio-detail-title">
      <h2 id="audio-detail-title" className="audio-detail__title">
        {shown.name || shown.id}
      </h2>
      <p className={shown.description ? '' : 'audio-detail__muted'}>
        {shown.description || t('detail.noDescription')}
      </p>
      <dl className="facts audio-detail__facts">
        <dt>{t('detail.category')}</dt>
        <dd>{shown.category || '–'}</dd>
        <dt>{t('detail.duration')}</dt>
        <dd>{formatDuration(shown.duration)}</dd>
        <dt>{t('detail.size')}</dt>
        <dd>{formatBytes(shown.size)}</dd>
        <dt>{t('detail.format')}</dt>
        <dd>{shown.format ?? '–'}</dd>
        <dt>{t('detail.created')}</dt>
        <dd>{formatDate(shown.createdAt, true)}</dd>
        <dt>{t('detail.id')}</dt>
        <dd>
          <code>{shown.id}</code>
        </dd>
        {shown.url && (
          <>
            <dt>{t('detail.url')}</dt>
            <dd className="audio-detail__url">
              <code>{shown.url}</code>
            </dd>
          </>
        )}
      </dl>
      <h3 className="audio-detail__subtitle">{t('detail.stats')}</h3>
      <dl className="facts audio-detail__facts" aria-busy={loading}>
        <dt>{t('detail.timesPlayed')}</dt>
        <dd data-testid="times-played">{formatCount(shown.stats.timesPlayed)}</dd>
        <dt>{t('detail.lastPlayed')}</dt>
        <dd>
          {shown.stats.lastPlayedAt
            ? formatDate(shown.stats.lastPlayedAt, true)
            : t('detail.neverPlayed')}
        </dd>
        <dt>{t('detail.recipients')}</dt>
        <dd>{formatCount(shown.stats.totalRecipients)}</dd>
      </dl>
      {loading && !detail && <p className="audio-detail__muted">{t('detail.loading')}</p>}
      {detailError && <ErrorNotice error={detailError} onRetry={() => void loadDetail(item.id)} />}
      {deleteError && (
        <div className="audio-detail__conflict">
          {conflict && <h3 className="audio-detail__subtitle">{t('detail.conflictTitle')}</h3>}
          <ErrorNotice error={deleteError} onDismiss={clearDeleteError} />
          {conflict && <p className="audio-detail__muted">{t('detail.conflictExplain')}</p>}
        </div>
      )}
      <div className="audio-detail__actions">
        <PreviewButton
          id={item.id}
          name={shown.name}
          format={shown.format}
          disabled={!canRead.allowed}
        />
        <button
          type="button"
          className="button button--primary"
          disabled={!canSend.allowed}
          aria-describedby={canSend.allowed ? undefined : sendReasonId}
          onClick={() => useBroadcast.getState().compose(item.id)}
        >
          <Send size={14} aria-hidden="true" />
          {t('detail.send')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={!canDelete.allowed || deleting}
          aria-describedby={canDelete.allowed ? undefined : reasonId}
          onClick={() => setConfirming(true)}
        >
          <Trash2 size={14} aria-hidden="true" />
          {t('detail.delete')}
        </button>
        {!canSend.allowed && (
          <p id={sendReasonId} className="permission-reason">
            {canSend.reason}
          </p>
        )}
        {!canDelete.allowed && (
          <p id={reasonId} className="permission-reason">
            {canDelete.reason}
          </p>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('detail.deleteTitle', { name: shown.name })}
        description={t('detail.deleteBody')}
        confirmLabel={t('detail.deleteConfirm')}
        cancelLabel={t('detail.cancel')}
        destructive
        busy={deleting}
        onConfirm={() => {
          void deleteAudio(item.id).then((ok) => {
            setConfirming(false);
            if (ok) notify({ tone: 'success', title: t('detail.deleted', { name: shown.name }) });
          });
        }}
      />
    </section>
  );
}
