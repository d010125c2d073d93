import { KeyRound, ShieldAlert } from 'lucide-react';
import { RadioGroup } from 'radix-ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { subscribeVault, useVault } from './vault-store.ts';
import './vault.css';

interface Props {
  /** Show "please sign in again" (the saved sign-in of this service could not be decrypted). */
  signInAgain?: boolean;
}

/**
 * How well this computer protects saved keys, for a service's settings page: a warning and the
 * memory-only / weak-storage choice when there is no OS keychain, and a clear request to sign in
 * again when a saved sign-in could not be decrypted. Renders nothing when all is well.
 */
export function VaultNotice({ signInAgain }: Props) {
  const { t } = useTranslation('vault');
  const status = useVault((state) => state.status);
  const error = useVault((state) => state.error);
  const busy = useVault((state) => state.busy);
  const setWeakStorage = useVault((state) => state.setWeakStorage);

  useEffect(() => {
    const off = subscribeVault();
    void useVault.getState().load();
    return off;
  }, []);

  return (
    <>
      {signInAgain && (
        <section className="vault-notice vault-notice--danger" aria-labelledby="vault-dropped">
          <KeyRound size={20} aria-hidden="true" className="vault-notice__icon" />
          <div className="vault-notice__text">
            <h3 id="vault-dropped">{t('dropped.title')}</h3>
            <p>{t('dropped.body')}</p>
          </div>
        </section>
      )}
      {(status?.locked?.length ?? 0) > 0 && (
        <section className="vault-notice" aria-labelledby="vault-locked" role="status">
          <KeyRound size={20} aria-hidden="true" className="vault-notice__icon" />
          <div className="vault-notice__text">
            <h3 id="vault-locked">{t('locked.title')}</h3>
            <p>{t('locked.body')}</p>
          </div>
        </section>
      )}
      {status?.protection === 'unavailable' && (
        <section className="vault-notice" aria-labelledby="vault-unavailable">
          <ShieldAlert size={20} aria-hidden="true" className="vault-notice__icon" />
          <div className="vault-notice__text">
            <h3 id="vault-unavailable">{t('unavailable.title')}</h3>
            <p>{t('unavailable.body')}</p>
          </div>
        </section>
      )}
      {status?.protection === 'weak' && (
        <section className="vault-notice" aria-labelledby="vault-weak">
          <ShieldAlert size={20} aria-hidden="true" className="vault-notice__icon" />
          <div className="vault-notice__text">
            <h3 id="vault-weak">{t('weak.title')}</h3>
            <p>{t('weak.body')}</p>
            <RadioGroup.Root
              className="vault-choice"
              aria-label={t('weak.choiceLabel')}
              value={status.weakStorageAllowed ? 'store' : 'memory'}
              disabled={busy}
              onValueChange={(value) => void setWeakStorage(value === 'store')}
            >
              {(['memory', 'store'] as const).map((choice) => (
                <label key={choice} className="vault-choice__option">
                  <RadioGroup.Item value={choice} className="vault-choice__radio">
                    <RadioGroup.Indicator className="vault-choice__dot" />
                  </RadioGroup.Item>
                  {t(`weak.${choice}`)}
                </label>
              ))}
            </RadioGroup.Root>
            <p className="vault-notice__saved" role="status">
              {t('weak.saved', { where: t(`weak.where.${status.storage}`) })}
            </p>
          </div>
        </section>
      )}
      {error && <ErrorNotice error={error} />}
    </>
  );
}
