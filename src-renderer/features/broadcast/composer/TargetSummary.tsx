import { useTranslation } from 'react-i18next';
import type { Breakdown } from './targets.ts';

/** Zones listed by name; the rest are counted (a whole-chain send spans twenty or more). */
const shownZones = 8;

/** "412 stores in 4 time zones; 3 test stores", and the stores per zone; announced as it changes. */
export function TargetSummary({ targets, live = true }: { targets: Breakdown; live?: boolean }) {
  const { t } = useTranslation('composer');
  const more = targets.timeZones.length - shownZones;
  return (
    <div className="composer-targets">
      <p className="composer-targets__count" role={live ? 'status' : undefined}>
        {targetLine(t, targets)}
        {targets.excluded > 0 && ` ${t('who.excludedCount', { count: targets.excluded })}`}
      </p>
      {targets.timeZones.length > 0 && (
        <ul className="composer-targets__zones" aria-label={t('who.breakdown')}>
          {targets.timeZones.slice(0, shownZones).map((zone) => (
            <li key={zone.timeZone}>
              {t('who.zoneLine', { zone: zone.timeZone, count: zone.stores })}
            </li>
          ))}
          {more > 0 && <li>{t('who.moreZones', { count: more })}</li>}
        </ul>
      )}
    </div>
  );
}

type T = ReturnType<typeof useTranslation<'composer'>>['t'];

export function targetLine(t: T, targets: Breakdown): string {
  return t('who.summary', {
    count: targets.stores,
    zones: t('who.zones', { count: targets.timeZones.length }),
    tests: t('who.tests', { count: targets.testStores }),
  });
}
