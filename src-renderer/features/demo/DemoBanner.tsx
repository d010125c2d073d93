import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useDemo } from './demo-store.ts';
import './demo.css';

/** While the demo runs, every screen says so, with a way out. */
export function DemoBanner() {
  const { t } = useTranslation('demo');
  const { status, stop } = useDemo();
  const [confirming, setConfirming] = useState(false);
  if (!status.active) return null;
  return (
    <div className="demo-banner" role="status">
      <span className="badge badge--demo">{t('banner.label')}</span>
      <span className="demo-banner__text">
        {t('banner.text', { stores: (status.stores ?? 0).toLocaleString() })}
      </span>
      <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
        {t('banner.leave')}
      </button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('banner.confirmTitle')}
        description={t('banner.confirmBody')}
        confirmLabel={t('banner.confirm')}
        cancelLabel={t('banner.cancel')}
        busy={status.busy}
        onConfirm={() => {
          void stop('welcome').then(() => setConfirming(false));
        }}
      />
    </div>
  );
}
