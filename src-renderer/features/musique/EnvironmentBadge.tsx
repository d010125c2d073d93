import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TokenEnvironment } from '../../../src-preload/contract/schemas/musique.ts';
import './musique.css';

/**
 * Production or development, from the token's prefix — shown wherever the broadcaster is, so
 * nobody sends to real stores by mistake. An environment Aislecast does not know is accepted,
 * with a warning.
 */
export function EnvironmentBadge({
  environment,
  detailed = false,
}: {
  environment?: TokenEnvironment;
  /** Also spell out what the environment means (settings page). */
  detailed?: boolean;
}) {
  const { t } = useTranslation('musique');
  if (!environment) return null;
  const { kind, name } = environment;
  const label = kind === 'unknown' ? t('environment.unknown', { name }) : t(`environment.${kind}`);
  const hint = t(`environment.${kind}Hint`, { name });
  return (
    <span className="env-badge-group">
      <span
        className={`env-badge env-badge--${kind}`}
        data-testid="environment-badge"
        data-environment={kind}
        title={hint}
      >
        {kind === 'unknown' && <TriangleAlert size={12} aria-hidden="true" />}
        {label}
      </span>
      <span
        className={
          detailed
            ? `env-badge__hint${kind === 'unknown' ? ' env-badge__hint--warn' : ''}`
            : 'visually-hidden'
        }
      >
        {hint}
      </span>
    </span>
  );
}
