import { Lock, RotateCw, ShieldOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { AccessLog } from './AccessLog.tsx';
import { useAccount } from './account-store.ts';
import { ClientsList } from './ClientsList.tsx';
import { RotatedKeyDialog } from './RotatedKeyDialog.tsx';

function KeyCard() {
  const { t } = useTranslation('queye');
  const info = useAccount((state) => state.keyInfo);
  const busy = useAccount((state) => state.busy);
  const rotate = useAccount((state) => state.rotate);
  const lock = useAccount((state) => state.lock);
  const [confirm, setConfirm] = useState<'rotate' | 'lock'>();
  if (!info) return null;
  return (
    <section className="queye-account__section" aria-labelledby="queye-key-title">
      <h4 id="queye-key-title">{t('account.key.title')}</h4>
      <dl className="facts">
        <dt>{t('account.key.hint')}</dt>
        <dd>
          <code>{info.keyHint}</code>
        </dd>
        <dt>{t('account.key.created')}</dt>
        <dd>{formatDate(info.createdAt, true)}</dd>
        <dt>{t('account.key.lastUsed')}</dt>
        <dd>{formatDate(info.lastUsedAt, true)}</dd>
        <dt>
          <Lock size={14} aria-hidden="true" />
        </dt>
        <dd>{info.locked ? t('account.key.locked') : t('account.key.unlocked')}</dd>
      </dl>
      <div className="queye-form__actions queye-form__actions--start">
        <button
          type="button"
          className="button"
          disabled={busy !== undefined}
          onClick={() => setConfirm('rotate')}
        >
          <RotateCw size={16} aria-hidden="true" />
          {t('account.key.rotate')}
        </button>
        {!info.locked && (
          <button
            type="button"
            className="button"
            disabled={busy !== undefined}
            onClick={() => setConfirm('lock')}
          >
            <Lock size={16} aria-hidden="true" />
            {t('account.key.lock')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirm !== undefined}
        onOpenChange={(open) => !open && setConfirm(undefined)}
        title={confirm === 'lock' ? t('account.key.lockTitle') : t('account.key.rotateTitle')}
        description={confirm === 'lock' ? t('account.key.lockBody') : t('account.key.rotateBody')}
        confirmLabel={
          confirm === 'lock' ? t('account.key.lockConfirm') : t('account.key.rotateConfirm')
        }
        cancelLabel={t('status.cancel')}
        busy={busy !== undefined}
        onConfirm={() => {
          const action = confirm;
          setConfirm(undefined);
          void (action === 'lock' ? lock() : rotate());
        }}
      />
    </section>
  );
}

/**
 * Account and security (Queye's `/user/*`): the key, connected apps and the access log. A
 * sign-in without the account permission gets a plain explanation instead of an error.
 */
export function AccountPanel() {
  const { t } = useTranslation('queye');
  const loading = useAccount((state) => state.loading);
  const error = useAccount((state) => state.error);
  const actionError = useAccount((state) => state.actionError);
  const rotated = useAccount((state) => state.rotated);
  const dismissRotated = useAccount((state) => state.dismissRotated);
  const load = useAccount((state) => state.load);

  useEffect(() => {
    void useAccount.getState().load();
    return () => useAccount.getState().reset();
  }, []);

  let body: React.JSX.Element;
  if (error?.code === 'insufficient_scope') {
    body = (
      <div className="queye-scope" role="note">
        <ShieldOff size={20} aria-hidden="true" />
        <div>
          <h4>{t('account.scope.title')}</h4>
          <p>{t('account.scope.body')}</p>
          <p className="muted">{error.action}</p>
        </div>
      </div>
    );
  } else if (error) {
    body = <ErrorNotice error={error} onRetry={() => void load()} />;
  } else if (loading) {
    body = <p className="muted">{t('loading', { ns: 'common' })}</p>;
  } else {
    body = (
      <>
        {actionError && <ErrorNotice error={actionError} />}
        <KeyCard />
        <section className="queye-account__section" aria-labelledby="queye-clients-title">
          <h4 id="queye-clients-title">{t('account.clients.title')}</h4>
          <ClientsList />
        </section>
        <section className="queye-account__section" aria-labelledby="queye-log-title">
          <h4 id="queye-log-title">{t('account.log.title')}</h4>
          <AccessLog />
        </section>
      </>
    );
  }
  return (
    <section className="card queye-account" aria-labelledby="queye-account-title">
      <h3 id="queye-account-title">{t('account.title')}</h3>
      {body}
      <RotatedKeyDialog rotated={rotated} onClose={dismissRotated} />
    </section>
  );
}
