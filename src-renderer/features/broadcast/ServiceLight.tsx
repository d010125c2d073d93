import { Popover } from 'radix-ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthLevel } from '../../../src-preload/contract/schemas/musique.ts';
import { formatRelative } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { useBroadcast } from './broadcast-store.ts';
import { statusPollMs } from './service-slice.ts';

const knownComponents = ['database', 'storage', 'messaging'] as const;
const isKnown = (name: string): name is (typeof knownComponents)[number] =>
  (knownComponents as readonly string[]).includes(name);

/**
 * Musique's health as a status light, with each component on demand. It asks main only while
 * the broadcaster is open (this component is mounted), every 30 s.
 */
export function ServiceLight() {
  const { t } = useTranslation('broadcast');
  const service = useBroadcast((state) => state.service);
  const error = useBroadcast((state) => state.serviceError);
  const checking = useBroadcast((state) => state.serviceChecking);
  const check = useBroadcast((state) => state.checkService);

  useEffect(() => {
    void check();
    const timer = setInterval(() => void check(), statusPollMs);
    return () => clearInterval(timer);
  }, [check]);

  const health = service?.health;
  const level: HealthLevel | 'checking' | 'unreachable' = health
    ? health.status
    : error || service?.error
      ? 'unreachable'
      : 'checking';
  const words =
    level === 'checking'
      ? t('service.checking')
      : level === 'unreachable'
        ? t('service.unreachable')
        : t(`service.level.${level}`);
  const problem = error ?? undefined;

  return (
    <Popover.Root>
      <Popover.Trigger
        className="service-light"
        data-testid="service-light"
        data-level={level}
        aria-label={`${t('service.label')}: ${words}`}
      >
        <span className={`service-light__dot service-light__dot--${level}`} aria-hidden="true" />
        <span>{words}</span>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover service-popover" sideOffset={6} align="end">
          <h2 className="service-popover__title">{t('service.label')}</h2>
          {service?.info && (
            <p className="service-popover__version">
              {t('service.version', { name: service.info.name, version: service.info.version })}
            </p>
          )}
          {health && <p>{t(`service.explain.${health.status}`)}</p>}
          {health && health.components.length > 0 && (
            <ul className="service-components" aria-label={t('service.components')}>
              {health.components.map((component) => (
                <li key={component.name} className="service-component">
                  <span
                    className={`service-light__dot service-light__dot--${component.status}`}
                    aria-hidden="true"
                  />
                  <span className="service-component__name">
                    {isKnown(component.name)
                      ? t(`service.component.${component.name}`)
                      : component.name}
                  </span>
                  <span className="service-component__level">
                    {t(`service.level.${component.status}`)}
                  </span>
                  {isKnown(component.name) &&
                    (component.status === 'degraded' || component.status === 'down') && (
                      <span className="service-component__impact">
                        {t(`service.impact.${component.name}`, {
                          level: t(`service.level.${component.status}`).toLowerCase(),
                        })}
                      </span>
                    )}
                </li>
              ))}
            </ul>
          )}
          {problem && <ErrorNotice error={problem} />}
          {!problem && service?.error && (
            <p className="service-popover__error">{service.error.message}</p>
          )}
          <div className="service-popover__footer">
            {service?.checkedAt && (
              <span>{t('service.checkedAt', { when: formatRelative(service.checkedAt) })}</span>
            )}
            <button
              type="button"
              className="button"
              disabled={checking}
              onClick={() => void check()}
            >
              {t('service.checkNow')}
            </button>
          </div>
          <Popover.Arrow className="popover__arrow" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
