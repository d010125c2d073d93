import { useTranslation } from 'react-i18next';
import { useBroadcast } from '../broadcast-store.ts';
import { sendOptions } from './composer-model.ts';
import { useComposer } from './composer-store.ts';
import { formatInZone, pcTimeToMs } from './schedule.ts';
import { TargetSummary } from './TargetSummary.tsx';

/** What, who (with the breakdown), when (per zone group, from the plan) and how. */
export function Summary() {
  const { t } = useTranslation('composer');
  const audioName = useComposer((s) => s.audioName);
  const audioId = useComposer((s) => s.audioId);
  // "Send…" may open the composer before the library has loaded: its name comes later.
  const listedName = useBroadcast((s) => s.library?.items.find((i) => i.id === audioId)?.name);
  const targets = useComposer((s) => s.targets);
  const when = useComposer((s) => s.when);
  const how = useComposer((s) => s.how);
  const plan = useComposer((s) => s.plan);
  const options = sendOptions(how);
  const atMs = when.kind === 'at' ? pcTimeToMs(when.at) : undefined;

  return (
    <section className="composer-summary" aria-label={t('check.summary')}>
      <dl className="facts composer-facts">
        <dt>{t('check.what')}</dt>
        <dd>{listedName || audioName || audioId || t('what.notChosen')}</dd>
        <dt>{t('check.who')}</dt>
        <dd>
          <TargetSummary targets={targets} live={false} />
        </dd>
        <dt>{t('check.when')}</dt>
        <dd data-testid="composer-when">
          {when.kind === 'now' && t('check.whenNow')}
          {when.kind === 'at' &&
            atMs !== undefined &&
            t('check.whenAt', { when: formatInZone(new Date(atMs).toISOString()) })}
          {when.kind === 'local' && plan && (
            <ul className="composer-groups">
              {plan.groups.map((group, n) => (
                <li key={`${group.timeZone ?? ''}-${n}`}>
                  {t('check.groupLine', {
                    zone: group.timeZone ?? t('check.allStores'),
                    when: group.scheduleAt
                      ? formatInZone(group.scheduleAt, group.timeZone)
                      : t('check.whenNow'),
                    count: group.stores,
                  })}
                  {group.moved && ` (${t(`check.moved.${group.moved}`)})`}
                  {group.adjusted && ` (${t(`check.adjusted.${group.adjusted}`)})`}
                </li>
              ))}
            </ul>
          )}
          {when.kind === 'local' && plan && plan.skipped > 0 && (
            <p>{t('check.skipped', { count: plan.skipped })}</p>
          )}
        </dd>
        <dt>{t('check.how')}</dt>
        <dd>
          {options
            ? t('check.howLine', {
                priority: t(`how.priorities.${how.priority}`),
                repeat: options.repeat,
                volume: options.volume,
              })
            : t('how.missing')}
        </dd>
      </dl>
    </section>
  );
}
