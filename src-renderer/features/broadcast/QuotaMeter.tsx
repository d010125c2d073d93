import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  quotaWindowNames,
  type QuotaWindow,
  type QuotaWindowName,
} from '../../../src-preload/contract/schemas/musique.ts';
import { formatRelative } from '../../lib/format.ts';
import { useBroadcast } from './broadcast-store.ts';

function Meter({ name, window }: { name: QuotaWindowName; window?: QuotaWindow }) {
  const { t } = useTranslation('broadcast');
  const label = t(`quota.window.${name}`);
  if (!window) {
    return (
      <li className="quota__window quota__window--unknown" data-window={name}>
        <span className="quota__name">{label}</span>
        <span className="quota__value">–</span>
      </li>
    );
  }
  const { limit, remaining } = window;
  const share = limit > 0 ? remaining / limit : 0;
  const text = window.exact
    ? t('quota.value', {
        remaining: remaining.toLocaleString(),
        limit: limit.toLocaleString(),
        window: label,
      })
    : t('quota.estimated', {
        remaining: remaining.toLocaleString(),
        limit: limit.toLocaleString(),
        window: label,
      });
  const resets = window.resetAt ? t('quota.resets', { when: formatRelative(window.resetAt) }) : '';
  const tone = share <= 0.1 ? 'low' : share <= 0.3 ? 'mid' : 'ok';
  return (
    <li className="quota__window" data-window={name} title={resets}>
      <span className="quota__name">{label}</span>
      <span
        className={`quota__bar quota__bar--${tone}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={remaining}
        aria-valuetext={text}
      >
        <span className="quota__fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="quota__value" data-testid={`quota-${name}`}>
        {window.exact ? '' : '≈'}
        {remaining.toLocaleString()}
      </span>
    </li>
  );
}

/** Requests left in Musique's minute, hour and day windows; moves with every call. */
export function QuotaMeter() {
  const { t } = useTranslation('broadcast');
  const quota = useBroadcast((state) => state.quota);
  const load = useBroadcast((state) => state.loadQuota);
  useEffect(() => {
    void load();
  }, [load]);
  const blocked = quota?.blockedUntil;
  return (
    <section className="quota" aria-label={t('quota.label')} data-testid="quota-meter">
      <span className="quota__title">{t('quota.label')}</span>
      <ul className="quota__windows">
        {quotaWindowNames.map((name) => (
          <Meter key={name} name={name} window={quota?.windows[name]} />
        ))}
      </ul>
      {blocked && (
        <span className="quota__blocked" role="status">
          {t('quota.blocked', { when: new Date(blocked).toLocaleTimeString() })}
        </span>
      )}
    </section>
  );
}
