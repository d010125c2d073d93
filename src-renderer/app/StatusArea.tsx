import { useTranslation } from 'react-i18next';
import type { ServiceConnection } from '../../src-preload/contract/schemas/connection.ts';
import { useConnection } from './connection-store.ts';
import { useNavigation } from '../lib/navigation-store.ts';

function ServiceStatus({
  id,
  label,
  connection,
  onOpen,
}: {
  id: 'queye' | 'musique';
  label: string;
  connection?: ServiceConnection;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const state = connection?.state ?? 'checking';
  const words = t(`status.state.${state}`);
  return (
    <li>
      <button
        type="button"
        className="status-row"
        data-service={id}
        data-state={state}
        onClick={onOpen}
        title={connection?.detail ?? connection?.error?.message ?? words}
      >
        <span className={`status-dot status-dot--${state}`} aria-hidden="true" />
        <span className="status-row__label">{label}</span>
        <span className="status-row__state">{words}</span>
        {connection?.demo && <span className="badge badge--demo">{t('status.demo')}</span>}
      </button>
    </li>
  );
}

/** Connection state of each API, always visible; a click opens that service's settings. */
export function StatusArea() {
  const { t } = useTranslation();
  const status = useConnection((state) => state.status);
  const go = useNavigation((state) => state.go);
  return (
    <section className="status-area" aria-label={t('status.label')} aria-live="polite">
      <ul>
        <ServiceStatus
          id="queye"
          label={t('status.queye')}
          connection={status?.queye}
          onOpen={() => go('settings', 'queye')}
        />
        <ServiceStatus
          id="musique"
          label={t('status.musique')}
          connection={status?.musique}
          onOpen={() => go('settings', 'musique')}
        />
      </ul>
    </section>
  );
}
