import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueyeClientInfo } from '../../../src-preload/contract/schemas/queye.ts';
import { formatRelative } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useAccount } from './account-store.ts';

const known = new Set(['approved', 'pending', 'denied', 'revoked']);

/** Apps with access to the user's library, with approve / deny / revoke. */
export function ClientsList() {
  const { t } = useTranslation('queye');
  const clients = useAccount((state) => state.clients);
  const busy = useAccount((state) => state.busy);
  const decide = useAccount((state) => state.decide);
  const [revoking, setRevoking] = useState<QueyeClientInfo>();

  if (!clients.length) return <p className="muted">{t('account.clients.empty')}</p>;
  return (
    <>
      <ul className="queye-clients">
        {clients.map((client) => (
          <li key={client.clientId} className="queye-client">
            <div className="queye-client__text">
              <span className="queye-client__name">
                {client.name}
                {client.current && <span className="badge">{t('account.clients.this')}</span>}
              </span>
              <span className={`queye-client__status queye-client__status--${client.status}`}>
                {known.has(client.status)
                  ? t(`account.clients.status.${client.status as 'approved'}`)
                  : client.status}
              </span>
              <span className="muted">
                {client.requestedAt &&
                  t('account.clients.requested', { when: formatRelative(client.requestedAt) })}
                {' · '}
                {client.lastUsedAt
                  ? t('account.clients.lastUsed', { when: formatRelative(client.lastUsedAt) })
                  : t('account.clients.never')}
                {client.requestId && ` · ${t('account.clients.request', { id: client.requestId })}`}
              </span>
            </div>
            <div className="queye-client__actions">
              {client.status !== 'approved' && (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== undefined}
                  onClick={() => void decide(client.clientId, 'approve')}
                  aria-label={`${t('account.clients.approve')} ${client.name}`}
                >
                  {t('account.clients.approve')}
                </button>
              )}
              {client.status === 'pending' && (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== undefined}
                  onClick={() => void decide(client.clientId, 'deny')}
                  aria-label={`${t('account.clients.deny')} ${client.name}`}
                >
                  {t('account.clients.deny')}
                </button>
              )}
              {client.status === 'approved' && (
                <button
                  type="button"
                  className="button button--danger"
                  disabled={busy !== undefined}
                  onClick={() => setRevoking(client)}
                  aria-label={`${t('account.clients.revoke')} ${client.name}`}
                >
                  {t('account.clients.revoke')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={revoking !== undefined}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={t('account.clients.revokeTitle', { name: revoking?.name ?? '' })}
        description={
          revoking?.current
            ? t('account.clients.revokeSelfBody')
            : t('account.clients.revokeBody', { name: revoking?.name ?? '' })
        }
        confirmLabel={t('account.clients.confirm')}
        cancelLabel={t('status.cancel')}
        destructive
        busy={busy !== undefined}
        onConfirm={() => {
          const target = revoking;
          setRevoking(undefined);
          if (target) void decide(target.clientId, 'revoke');
        }}
      />
    </>
  );
}
