import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../ui/Field.tsx';
import { howProblems, priorities } from './composer-model.ts';
import type { StepProps } from './ComposerView.tsx';
import { useComposer } from './composer-store.ts';

/** Priority in plain words, how many times it plays, and how loud. */
export function HowStep({ attempted, problemRef }: StepProps) {
  const { t } = useTranslation('composer');
  const how = useComposer((s) => s.how);
  const setHow = useComposer((s) => s.setHow);
  const name = useId();
  const problems = howProblems(how);
  return (
    <div className="composer-step">
      <fieldset className="composer-radios composer-radios--described">
        <legend className="field__label">{t('how.priority')}</legend>
        {priorities.map((priority) => (
          <label key={priority}>
            <input
              type="radio"
              name={name}
              checked={how.priority === priority}
              aria-describedby={`${name}-${priority}`}
              onChange={() => setHow({ priority })}
            />
            <span>
              <strong>{t(`how.priorities.${priority}`)}</strong>{' '}
              <span id={`${name}-${priority}`} className="composer__muted">
                {t(`how.explain.${priority}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="composer-row">
        <Field
          label={t('how.repeat')}
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          step={1}
          value={how.repeat}
          hint={t('how.repeatHint')}
          error={problems.repeat ? t('how.repeatProblem') : undefined}
          onChange={(event) => setHow({ repeat: event.target.value })}
        />
        <Field
          label={t('how.volume')}
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          value={how.volume}
          hint={t('how.volumeHint')}
          error={problems.volume ? t('how.volumeProblem') : undefined}
          onChange={(event) => setHow({ volume: event.target.value })}
        />
      </div>
      {attempted && (problems.repeat || problems.volume) && (
        <p ref={problemRef} tabIndex={-1} className="composer-problem" role="alert">
          {t('how.missing')}
        </p>
      )}
    </div>
  );
}
