import { Check, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  musiquePermissions,
  type MusiqueAccount,
} from '../../../src-preload/contract/schemas/musique.ts';
import { ApiError } from '../../api/api-error.ts';
import { formatDate } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { notify } from '../../ui/toast-store.ts';
import { EnvironmentBadge } from './EnvironmentBadge.tsx';
import { useMusique } from './musique-store.ts';

function PermissionList({ granted }: { granted: string[] }) {
  const { t } = useTranslation('musique');
  const extra = granted.filter((p) => !(musiquePermissions as readonly string[]).includes(p));
  return (
    <ul className="permission-list" aria-label={t('account.permissions')}>
      {musiquePermissions.map((permission) => {
        const has = granted.includes(permission);
        return (
          <li key={permission} className={`permission permission--${has ? 'granted' : 'missing'}`}>
            {has ? <Check size={14} aria-hidden="true" /> : <X size={14} aria-hidden="true" />}
            <span>{t(`permission.${permission}`)}</span>
            <code className="permission__code">{permission}</code>
            <span className="visually-hidden">
              {has ? t('permission.granted') : t('permission.missing')}
            </span>
          </li>
        );
      })}
      {extra.map((permission) => (
        <li key={permission} className="permission permission--granted">
          <Check size={14} aria-hidden="true" />
          <code className="permission__code">{permission}</code>
        </li>
      ))}
    </ul>
  );
}

/** The connected token: who it is, what it may do, and testing, revoking or forgetting it. */
export function AccountCard({ account }: { account: MusiqueAccount }) {
  const { t } = useTranslation('musique');
  const { busy, failure, test, revoke, forget } = useMusique();
  const [confirm, setConfirm] = useState<'revoke' | 'forget'>();
  const hint = account.tokenHint ?? '';
  const actionFailure =
    failure && ['test', 'revoke', 'forget'].includes(failure.action) ? failure.error : undefined;
  const error = actionFailure ?? (account.error ? new ApiError(account.error) : undefined);

  return (
    <section className="card" aria-labelledby="musique-account-title">
      <h3 id="musique-account-title">{t('account.title')}</h3>
      {account.demo && <p className="musique-note">{t('account.demo')}</p>}
      <dl className="facts">
        <dt>{t('account.environment')}</dt>
        <dd>
          <EnvironmentBadge environment={account.environment} detailed />
        </dd>
        <dt>{t('account.token')}</dt>
        <dd>
          <code data-testid="token-hint">{hint}</code>
        </dd>
        <dt>{t('account.externalId')}</dt>
        <dd data-testid="external-id">{account.externalId ?? '–'}</dd>
        <dt>{t('account.userId')}</dt>
        <dd>{account.userId ?? '–'}</dd>
        <dt>{t('account.tested')}</dt>
        <dd>{account.testedAt ? formatDate(account.testedAt, true) : t('account.never')}</dd>
      </dl>
      <div>
        <h4 className="musique-subtitle">{t('account.permissions')}</h4>
        <PermissionList granted={account.permissions} />
      </div>
      {account.status === 'rejected' && !actionFailure && (
        <p className="musique-note musique-note--danger">{t('account.rejected')}</p>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="musique-actions">
        <button
          type="button"
          className="button"
          disabled={busy !== undefined}
          onClick={() =>
            void test().then((ok) => {
              const now = useMusique.getState().account;
              if (ok && now?.status === 'connected' && !now.error)
                notify({ tone: 'success', title: t('account.tested_ok') });
            })
          }
        >
          {busy === 'test' ? t('account.testing') : t('account.test')}
        </button>
        {!account.demo && (
          <>
            <button
              type="button"
              className="button button--danger"
              disabled={busy !== undefined}
              onClick={() => setConfirm('revoke')}
            >
              {t('account.revoke')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy !== undefined}
              onClick={() => setConfirm('forget')}
            >
              {t('account.forget')}
            </button>
          </>
        )}
      </div>
      <ConfirmDialog
        open={confirm !== undefined}
        onOpenChange={(open) => !open && setConfirm(undefined)}
        title={confirm === 'forget' ? t('account.forgetTitle') : t('account.revokeTitle')}
        description={
          confirm === 'forget'
            ? t('account.forgetBody', { hint })
            : t('account.revokeBody', { hint })
        }
        confirmLabel={
          confirm === 'forget' ? t('account.forgetConfirm') : t('account.revokeConfirm')
        }
        cancelLabel={t('account.cancel')}
        destructive
        busy={busy !== undefined}
        onConfirm={() => {
          const action = confirm === 'forget' ? forget : revoke;
          const done = confirm === 'forget' ? t('account.forgotten') : t('account.revoked');
          void action().then((ok) => {
            setConfirm(undefined);
            if (ok) notify({ tone: 'success', title: done });
          });
        }}
      />
    </section>
  );
}
