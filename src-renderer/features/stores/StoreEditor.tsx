import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkStore } from '../../../src-preload/contract/schemas/store-rules.ts';
import {
  weekdays,
  type RowProblem,
  type StoreInput,
  type StoreRecord,
} from '../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { useStores } from './stores-store.ts';

interface Props {
  /** The store to edit; absent to add one. */
  store?: StoreRecord;
  onClose: () => void;
}

interface Draft {
  externalId: string;
  name: string;
  region: string;
  tags: string;
  timeZone: string;
  hours: Record<(typeof weekdays)[number], string>;
  notes: string;
  testStore: boolean;
}

const toDraft = (store?: StoreRecord): Draft => ({
  externalId: store?.externalId ?? '',
  name: store?.name ?? '',
  region: store?.region ?? '',
  tags: store?.tags.join(', ') ?? '',
  timeZone: store?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  hours: Object.fromEntries(
    weekdays.map((day) => [day, store?.openingHours?.[day] ?? '']),
  ) as Draft['hours'],
  notes: store?.notes ?? '',
  testStore: store?.testStore ?? false,
});

const toInput = (draft: Draft): StoreInput => ({
  externalId: draft.externalId,
  name: draft.name,
  region: draft.region,
  tags: [draft.tags],
  timeZone: draft.timeZone,
  openingHours: draft.hours,
  notes: draft.notes,
  testStore: draft.testStore,
});

/** Add or edit one store: every field checked by the same rules main applies. */
export function StoreEditor({ store, onClose }: Props) {
  const { t } = useTranslation('stores');
  const add = useStores((state) => state.add);
  const edit = useStores((state) => state.edit);
  const [draft, setDraft] = useState(() => toDraft(store));
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const problem = (field: string) => problems.find((p) => p.field === field)?.message;
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkStore(toInput(draft));
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    try {
      if (store) await edit(store.externalId, toInput(draft));
      else await add(toInput(draft));
      onClose();
    } catch (caught) {
      const apiError = toApiError(caught);
      const fromMain = apiError.details?.problems as RowProblem[] | undefined;
      if (fromMain?.length) setProblems(fromMain);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const zoneProblem = problems.find((p) => p.field === 'timeZone');
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog store-editor" aria-describedby={undefined}>
          <Dialog.Title className="dialog__title">
            {store ? t('editor.editTitle', { name: store.name }) : t('editor.addTitle')}
          </Dialog.Title>
          <form className="store-editor__form" onSubmit={(event) => void submit(event)} noValidate>
            <Field
              label={t('editor.externalId')}
              hint={t('editor.externalIdHint')}
              value={draft.externalId}
              error={problem('externalId')}
              autoFocus
              onChange={(e) => set({ externalId: e.target.value })}
            />
            <Field
              label={t('editor.name')}
              value={draft.name}
              error={problem('name')}
              onChange={(e) => set({ name: e.target.value })}
            />
            <div className="store-editor__pair">
              <Field
                label={t('editor.region')}
                value={draft.region}
                onChange={(e) => set({ region: e.target.value })}
              />
              <Field
                label={t('editor.tags')}
                hint={t('editor.tagsHint')}
                value={draft.tags}
                error={problem('tags')}
                onChange={(e) => set({ tags: e.target.value })}
              />
            </div>
            <Field
              label={t('editor.timeZone')}
              hint={t('editor.timeZoneHint')}
              value={draft.timeZone}
              error={zoneProblem?.message}
              onChange={(e) => set({ timeZone: e.target.value })}
            />
            {zoneProblem?.suggestion && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  set({ timeZone: zoneProblem.suggestion! });
                  setProblems((current) => current.filter((p) => p.field !== 'timeZone'));
                }}
              >
                {t('editor.useSuggestion', { zone: zoneProblem.suggestion })}
              </button>
            )}
            <fieldset className="store-editor__hours">
              <legend className="field__label">{t('editor.hours')}</legend>
              {weekdays.map((day) => (
                <Field
                  key={day}
                  label={t(`days.${day}`)}
                  placeholder="08:00-22:00"
                  value={draft.hours[day]}
                  error={problem(day)}
                  onChange={(e) => set({ hours: { ...draft.hours, [day]: e.target.value } })}
                />
              ))}
            </fieldset>
            <Field
              label={t('editor.notes')}
              value={draft.notes}
              error={problem('notes')}
              onChange={(e) => set({ notes: e.target.value })}
            />
            <label className="store-editor__check">
              <input
                type="checkbox"
                checked={draft.testStore}
                onChange={(e) => set({ testStore: e.target.checked })}
              />
              {t('editor.testStore')}
            </label>
            {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
            <div className="dialog__actions">
              <Dialog.Close className="button" type="button">
                {t('editor.cancel')}
              </Dialog.Close>
              <button type="submit" className="button button--primary" disabled={busy}>
                {store ? t('editor.save') : t('editor.add')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
