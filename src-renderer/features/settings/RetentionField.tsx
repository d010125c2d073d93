import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultHistoryDays,
  maxHistoryDays,
  minHistoryDays,
} from '../../../src-preload/contract/schemas/settings.ts';
import { Field } from '../../ui/Field.tsx';
import { useSettings } from './settings-store.ts';

/** A whole number of days in the allowed range, or undefined. */
export function parseHistoryDays(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const days = Number(text);
  return days >= minHistoryDays && days <= maxHistoryDays ? days : undefined;
}

/** "Keep broadcast history for N days": checked at the field, saved through settings. */
export function RetentionField() {
  const { t } = useTranslation('jobs');
  const saved = useSettings(
    (state) => state.settings?.broadcast?.historyDays ?? defaultHistoryDays,
  );
  const loaded = useSettings((state) => state.settings !== undefined);
  const update = useSettings((state) => state.update);
  const [draft, setDraft] = useState<string>();
  const [done, setDone] = useState<number>();
  const text = draft ?? String(saved);
  const days = parseHistoryDays(text);
  const range = { min: minHistoryDays, max: maxHistoryDays.toLocaleString() };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (days === undefined) return;
    if (await update({ broadcast: { historyDays: days } })) {
      setDraft(undefined);
      setDone(days);
    }
  };

  return (
    <section className="card" aria-labelledby="retention-title">
      <h3 id="retention-title">{t('retention.title')}</h3>
      <form className="retention-form" onSubmit={(event) => void save(event)}>
        <Field
          label={t('retention.label')}
          type="number"
          inputMode="numeric"
          min={minHistoryDays}
          max={maxHistoryDays}
          step={1}
          value={text}
          disabled={!loaded}
          hint={t('retention.hint', range)}
          error={days === undefined ? t('retention.range', range) : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setDone(undefined);
          }}
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={!loaded || days === undefined || days === saved}
        >
          {t('retention.save')}
        </button>
      </form>
      <p className="muted" role="status">
        {done !== undefined ? t('retention.saved', { count: done }) : ''}
      </p>
    </section>
  );
}
