import { useTranslation } from 'react-i18next';
import type { MusiqueAccount } from '../../../src-preload/contract/schemas/musique.ts';
import { EnvironmentBadge } from '../musique/index.ts';
import { QuotaMeter } from './QuotaMeter.tsx';
import { ServiceLight } from './ServiceLight.tsx';

/**
 * Always on top of the broadcaster, whatever tab is open: which environment the token sends
 * to, who is connected, how Musique is doing, and how many requests are left.
 */
export function BroadcasterHeader({ account }: { account: MusiqueAccount }) {
  const { t } = useTranslation('broadcast');
  return (
    <section className="broadcaster-header" aria-label={t('header.label')}>
      <div className="broadcaster-header__who">
        <EnvironmentBadge environment={account.environment} />
        <span className="broadcaster-header__account">
          {account.demo
            ? t('header.demo')
            : t('header.account', { externalId: account.externalId ?? '–' })}
        </span>
      </div>
      <ServiceLight />
      <QuotaMeter />
    </section>
  );
}
