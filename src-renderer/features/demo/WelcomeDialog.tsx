import { Dialog } from 'radix-ui';
import { PlugZap, Sparkles } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../lib/navigation-store.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useSettings } from '../settings/index.ts';
import { useDemo } from './demo-store.ts';
import './demo.css';

/** First run: the demo or your own accounts. Shown while no choice has been made. */
export function WelcomeDialog() {
  const { t } = useTranslation('demo');
  const mode = useSettings((state) => state.settings?.app.mode);
  const update = useSettings((state) => state.update);
  const { status, error, start } = useDemo();
  const go = useNavigation((state) => state.go);
  const [dismissed, setDismissed] = useState(false);
  const open = mode === 'unset' && !dismissed && !status.active;

  const connectAccounts = async () => {
    if (await update({ app: { mode: 'accounts' } })) go('settings', 'queye');
  };

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && setDismissed(true)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog welcome" aria-describedby="welcome-body">
          <Dialog.Title className="welcome__title">{t('welcome.title')}</Dialog.Title>
          <p id="welcome-body" className="welcome__body">
            {t('welcome.body')}
          </p>
          <div className="welcome__choices">
            <section className="welcome__choice">
              <Sparkles aria-hidden="true" size={28} />
              <h3>{t('welcome.demo.title')}</h3>
              <p>{t('welcome.demo.body')}</p>
              <button
                type="button"
                className="button button--primary"
                disabled={status.busy}
                onClick={() => void start()}
              >
                {status.busy ? t('welcome.demo.starting') : t('welcome.demo.action')}
              </button>
            </section>
            <section className="welcome__choice">
              <PlugZap aria-hidden="true" size={28} />
              <h3>{t('welcome.accounts.title')}</h3>
              <p>{t('welcome.accounts.body')}</p>
              <button type="button" className="button" onClick={() => void connectAccounts()}>
                {t('welcome.accounts.action')}
              </button>
            </section>
          </div>
          {error && <ErrorNotice error={error} />}
          <Dialog.Close className="button button--quiet welcome__later">
            {t('welcome.later')}
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
