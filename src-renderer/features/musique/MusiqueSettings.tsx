import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { VaultNotice } from '../vault/index.ts';
import { AccountCard } from './AccountCard.tsx';
import { AdvancedSettings } from './AdvancedSettings.tsx';
import { MusiqueConnectForm } from './MusiqueConnectForm.tsx';
import { subscribeMusique, useMusique } from './musique-store.ts';
import './musique.css';

/** Settings → Musique: connect the broadcaster's account, see what the token may do. */
export function MusiqueSettings() {
  const { t } = useTranslation('musique');
  const { t: common } = useTranslation();
  const account = useMusique((state) => state.account);

  useEffect(() => {
    const off = subscribeMusique();
    void useMusique.getState().load();
    return off;
  }, []);

  // A saved token the keychain could no longer decrypt: the vault notice asks for it again.
  const unreadable = account?.error?.code === 'token_unreadable';
  return (
    <div className="settings-page musique-settings">
      <p className="musique-intro">{t('intro')}</p>
      <VaultNotice signInAgain={account?.status === 'none' && unreadable} />
      {!account && <p aria-busy="true">{common('loading')}</p>}
      {account && account.status !== 'none' && <AccountCard account={account} />}
      {account?.status === 'none' && (
        <>
          {account.error && !unreadable && <ErrorNotice error={new ApiError(account.error)} />}
          <MusiqueConnectForm />
        </>
      )}
      <AdvancedSettings />
    </div>
  );
}
