import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  rememberNotificationOffer,
  requestNotifications,
  shouldOfferNotifications,
} from './job-notifications.ts';

/** Asks, once and in the app's own words, before the system's permission prompt appears. */
export function NotificationOffer() {
  const { t } = useTranslation('jobs');
  const [open, setOpen] = useState(() => shouldOfferNotifications());
  if (!open) return null;
  return (
    <div className="job-offer" role="region" aria-label={t('notice.offer')}>
      <p>{t('notice.offer')}</p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          setOpen(false);
          void requestNotifications();
        }}
      >
        {t('notice.allow')}
      </button>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => {
          setOpen(false);
          rememberNotificationOffer();
        }}
      >
        {t('notice.decline')}
      </button>
    </div>
  );
}
