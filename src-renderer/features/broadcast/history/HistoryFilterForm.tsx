import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { historyStatuses } from '../../../../src-preload/contract/schemas/broadcast-history.ts';
import { Field } from '../../../ui/Field.tsx';
import { useBroadcast } from '../broadcast-store.ts';
import { useHistory } from './history-store.ts';
import { filtersProblem, noFilters, type HistoryFilters } from './history-view-model.ts';

/** Audio, date range, outcome and store: applied together, the first page loaded again. */
export function HistoryFilterForm() {
  const { t } = useTranslation('jobs');
  const saved = useHistory((state) => state.filters);
  const search = useHistory((state) => state.search);
  const open = useHistory((state) => state.open);
  const audio = useBroadcast((state) => state.library?.items);
  const [draft, setDraft] = useState<HistoryFilters>(saved);
  const set = (patch: Partial<HistoryFilters>) => setDraft((current) => ({ ...current, ...patch }));
  const problem = filtersProblem(draft);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) void search(draft);
  };

  return (
    <form className="usage-filters" aria-label={t('history.filters')} onSubmit={apply}>
      <Field
        label={t('history.audio')}
        options={[
          { value: '', label: t('history.anyAudio') },
          ...(audio ?? []).map((item) => ({ value: item.id, label: item.name })),
        ]}
        value={draft.audioId}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => set({ audioId: event.target.value })}
      />
      <Field
        label={t('history.from')}
        type="date"
        value={draft.from}
        onChange={(event) => set({ from: event.target.value })}
      />
      <Field
        label={t('history.to')}
        type="date"
        min={draft.from || undefined}
        value={draft.to}
        error={problem === 'dateOrder' ? t('history.dateError') : undefined}
        onChange={(event) => set({ to: event.target.value })}
      />
      <Field
        label={t('history.status')}
        options={[
          { value: '', label: t('history.anyStatus') },
          ...historyStatuses.map((value) => ({ value, label: t(`history.outcome.${value}`) })),
        ]}
        value={draft.status}
        onChange={(event: ChangeEvent<HTMLSelectElement>) =>
          set({ status: event.target.value as HistoryFilters['status'] })
        }
      />
      <Field
        label={t('history.store')}
        type="text"
        maxLength={200}
        value={draft.externalId}
        onChange={(event) => set({ externalId: event.target.value })}
      />
      <button type="submit" className="button button--primary" disabled={Boolean(problem)}>
        {t('history.apply')}
      </button>
      {draft.externalId.trim() && (
        <button
          type="button"
          className="button"
          onClick={() => open({ kind: 'store', externalId: draft.externalId.trim() })}
        >
          {t('history.openStore', { id: draft.externalId.trim() })}
        </button>
      )}
      <button
        type="button"
        className="button button--quiet"
        onClick={() => {
          setDraft(noFilters);
          void search(noFilters);
        }}
      >
        {t('history.clear')}
      </button>
    </form>
  );
}
