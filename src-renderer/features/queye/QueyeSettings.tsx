import { CheckCircle2, LogOut, PlugZap } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import { ApiError } from '../../api/api-error.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { VaultNotice } from '../vault/index.ts';
import { AccountPanel } from './AccountPanel.tsx';
import { ApprovalPanel } from './ApprovalPanel.tsx';
import { QueyeConnectForm } from './QueyeConnectForm.tsx';
import { subscribeQueye, useQueye } from './queye-store.ts';
import './queye.css';

function Facts({ status }: { status: QueyeStatus }) {
  const { t } = useTranslation('queye');
  return (
    <dl className="facts">
      {status.clientKeyHint && (
        <>
          <dt>{t('status.clientKey')}</dt>
          <dd>
            <code>{status.clientKeyHint}</code>
          </dd>
        </>
      )}
      {status.userKeyHint && (
        <>
          <dt>{t('status.userKey')}</dt>
          <dd>
            <code>{status.userKeyHint}</code>
          </dd>
        </>
      )}
      <dt>{t('status.baseUrl')}</dt>
      <dd>
        <code>{status.baseUrl}</code>
      </dd>
      {status.scopes && status.scopes.length > 0 && (
        <>
          <dt>{t('status.scopes')}</dt>
          <dd>{status.scopes.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

/** Who is signed in, with sign-out; or, once signed out, why and how to come back. */
function ConnectionCard({ status }: { status: QueyeStatus }) {
  const { t } = useTranslation('queye');
  const busy = useQueye((state) => state.busy);
  const error = useQueye((state) => state.error);
  const signOut = useQueye((state) => state.signOut);
  const reconnect = useQueye((state) => state.reconnect);
  const [confirming, setConfirming] = useState(false);

  if (status.state === 'signed-in') {
    return (
      <section className="card queye-status" aria-labelledby="queye-status-title">
        <h3 id="queye-status-title" className="queye-status__title">
          <CheckCircle2 size={18} aria-hidden="true" className="queye-status__ok" />
          {t('status.connected')}
          {status.demo && <span className="badge badge--demo">DEMO</span>}
        </h3>
        <p>{t('status.as', { user: status.userId ?? '…' })}</p>
        <Facts status={status} />
        {status.demo ? (
          <p className="muted">{t('status.demo')}</p>
        ) : (
          <div className="queye-form__actions queye-form__actions--start">
            <button
              type="button"
              className="button button--danger"
              disabled={busy !== undefined}
              onClick={() => setConfirming(true)}
            >
              <LogOut size={16} aria-hidden="true" />
              {t('status.signOut')}
            </button>
          </div>
        )}
        {error && <ErrorNotice error={error} />}
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={t('status.signOutTitle')}
          description={t('status.signOutBody')}
          confirmLabel={t('status.signOutConfirm')}
          cancelLabel={t('status.cancel')}
          destructive
          busy={busy === 'signOut'}
          onConfirm={() => {
            void signOut().then(() => setConfirming(false));
          }}
        />
      </section>
    );
  }
  if (status.state !== 'signed-out') return null;
  return (
    <section className="card queye-status" aria-labelledby="queye-status-title">
      <h3 id="queye-status-title" className="queye-status__title">
        <PlugZap size={18} aria-hidden="true" className="queye-status__warn" />
        {t('status.signedOut')}
      </h3>
      {status.reason && <p>{t(`status.reasons.${status.reason}`)}</p>}
      {status.error && <ErrorNotice error={new ApiError(status.error)} />}
      <Facts status={status} />
      {status.canReconnect && (
        <div className="queye-form__actions queye-form__actions--start">
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== undefined}
            onClick={() => void reconnect()}
          >
            {t('status.reconnect')}
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
}

/** Settings → Queye Music: connect, the approval flow, the account, and key protection. */
export function QueyeSettings() {
  const { t } = useTranslation('queye');
  const status = useQueye((state) => state.status);

  useEffect(() => {
    const off = subscribeQueye();
    void useQueye.getState().load();
    return off;
  }, []);

  const state = status?.state;
  const showForm =
    status !== undefined &&
    !status.demo &&
    (state === 'not-configured' || state === 'connecting' || state === 'signed-out');
  return (
    <div className="settings-page queye-settings">
      <p className="muted">{t('intro')}</p>
      <VaultNotice signInAgain={status?.reason === 'secret-dropped' && state === 'signed-out'} />
      {status && <ConnectionCard status={status} />}
      {state === 'not-configured' && status?.error && (
        <ErrorNotice error={new ApiError(status.error)} />
      )}
      {state === 'awaiting-approval' && status?.approval && (
        <ApprovalPanel approval={status.approval} />
      )}
      {showForm && <QueyeConnectForm />}
      {state === 'signed-in' && <AccountPanel />}
    </div>
  );
}
