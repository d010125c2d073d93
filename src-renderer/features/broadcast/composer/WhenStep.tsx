import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BroadcastPlan,
  PassedChoice,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import { useNow } from '../../../lib/use-now.ts';
import { Field } from '../../../ui/Field.tsx';
import type { StepProps } from './ComposerView.tsx';
import { useComposer } from './composer-store.ts';
import {
  formatInZone,
  formatWallTime,
  pcDate,
  pcDateTime,
  pcZoneLabel,
  whenProblem,
  type WhenKind,
} from './schedule.ts';
import { useDemo } from '../../demo/demo-store.ts';

const kinds: WhenKind[] = ['now', 'at', 'local'];
const passedChoices: PassedChoice[] = ['now', 'nextDay', 'skip'];

/** Now, one instant in this PC's time, or a local time in each store's zone. */
export function WhenStep({ attempted, problemRef }: StepProps) {
  const { t } = useTranslation('composer');
  const when = useComposer((s) => s.when);
  const targets = useComposer((s) => s.targets);
  const plan = useComposer((s) => s.plan);
  const setWhen = useComposer((s) => s.setWhen);
  const name = useId();
  // Musique's time: the demo's clock, moved forward, while the demo runs.
  const now = useNow(15_000) + useDemo((state) => state.clockOffsetMs);
  const problem = whenProblem(
    when,
    now,
    targets.timeZones.map((z) => z.timeZone),
  );
  // A missing value is said once Next is pressed; a past one at once.
  const fieldError =
    problem && (problem !== 'missing' || attempted) ? t(`when.problem.${problem}`) : undefined;

  return (
    <div className="composer-step">
      <fieldset className="composer-radios">
        <legend className="field__label">{t('when.kind')}</legend>
        {kinds.map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={name}
              checked={when.kind === kind}
              onChange={() => setWhen({ kind })}
            />
            {t(`when.${kind}`)}
          </label>
        ))}
      </fieldset>
      {when.kind === 'at' && (
        <Field
          label={t('when.atField', { zone: pcZoneLabel(now) })}
          type="datetime-local"
          value={when.at}
          min={pcDateTime(now)}
          error={fieldError}
          onChange={(event) => setWhen({ at: event.target.value })}
        />
      )}
      {when.kind === 'local' && (
        <>
          <div className="composer-row">
            <Field
              label={t('when.localDate')}
              type="date"
              value={when.localDate}
              // A store behind this PC's zone can still be on the previous day.
              min={pcDate(now - 86_400_000)}
              onChange={(event) => setWhen({ localDate: event.target.value })}
            />
            <Field
              label={t('when.localTime')}
              type="time"
              value={when.localTime}
              error={fieldError}
              onChange={(event) => setWhen({ localTime: event.target.value })}
            />
          </div>
          <p className="composer__muted">{t('when.localHint')}</p>
          <p className="composer-rule">{t('when.dstRule')}</p>
        </>
      )}
      {when.kind === 'local' && plan && plan.passed.length > 0 && !problem && (
        <PassedZones plan={plan} />
      )}
      {plan && <OutsideHours plan={plan} />}
      {attempted && problem && (
        <p ref={problemRef} tabIndex={-1} className="composer-problem" role="alert">
          {t(`when.problem.${problem}`)}
        </p>
      )}
      {attempted && !problem && when.kind === 'local' && plan?.passed.length && !when.ifPassed ? (
        <p ref={problemRef} tabIndex={-1} className="composer-problem" role="alert">
          {t('when.passedMissing')}
        </p>
      ) : null}
    </div>
  );
}

/** The zones where the local time has passed, and the choice of what to do with them. */
export function PassedZones({ plan }: { plan: BroadcastPlan }) {
  const { t } = useTranslation('composer');
  const when = useComposer((s) => s.when);
  const setIfPassed = useComposer((s) => s.setIfPassed);
  const name = useId();
  return (
    <section className="composer-passed" aria-labelledby={`${name}-title`}>
      <h3 id={`${name}-title`} className="composer__subtitle">
        {t('when.passedTitle', { time: when.localTime, count: plan.passed.length })}
      </h3>
      <ul>
        {plan.passed.map((zone) => (
          <li key={zone.timeZone}>
            {t('when.passedLine', {
              zone: zone.timeZone,
              count: zone.stores,
              when: formatInZone(zone.scheduleAt, zone.timeZone),
            })}
          </li>
        ))}
      </ul>
      <fieldset className="composer-radios">
        <legend className="field__label">{t('when.passedChoice')}</legend>
        {passedChoices.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name={name}
              checked={when.ifPassed === choice}
              onChange={() => setIfPassed(choice)}
            />
            {t(`when.ifPassed.${choice}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/** Closed stores listed by name; the rest are counted. */
const shownClosed = 10;

/** Stores whose opening hours say they are closed when it plays. */
export function OutsideHours({ plan }: { plan: BroadcastPlan }) {
  const { t } = useTranslation('composer');
  const { count, stores } = plan.outsideHours;
  const listed = Math.min(shownClosed, stores.length);
  if (!count) return null;
  return (
    <section
      className="composer-warning"
      role="note"
      aria-label={t('when.outsideTitle', { count })}
    >
      <h3 className="composer__subtitle">{t('when.outsideTitle', { count })}</h3>
      <ul>
        {stores.slice(0, listed).map((store) => (
          <li key={store.externalId}>
            {t('when.outsideLine', {
              id: store.externalId,
              zone: store.timeZone,
              playsAt: formatWallTime(store.playsAt),
              hours: store.hours,
            })}
          </li>
        ))}
      </ul>
      {count > listed && <p>{t('when.outsideMore', { count: count - listed })}</p>}
      <p className="composer__muted">{t('when.outsideHint')}</p>
    </section>
  );
}
