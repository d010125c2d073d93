import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreGroupView } from '../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FilterSelect } from './FilterSelect.tsx';
import { useStores } from './stores-store.ts';
import type { facets } from './stores-view-model.ts';

interface Props {
  /** The group to change; absent for a new rule group (started from the table's filters). */
  group?: StoreGroupView;
  options: ReturnType<typeof facets>;
  onDone: () => void;
}

/** Names a group and, for a rule group, its region, tag and time zone and who is left out. */
export function GroupForm({ group, options, onDone }: Props) {
  const { t } = useTranslation('stores');
  const selection = useStores((state) => state.selection);
  const saveGroup = useStores((state) => state.saveGroup);
  const [name, setName] = useState(group?.name ?? '');
  const [rule, setRule] = useState(() => {
    if (group?.kind === 'rule') {
      return {
        region: group.rule.regions[0],
        tag: group.rule.tags[0],
        timeZone: group.rule.timeZones[0],
      };
    }
    const { region, tag, timeZone } = useStores.getState().filters;
    return { region, tag, timeZone };
  });
  const [exclude, setExclude] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('groups.nameNeeded'));
      return;
    }
    const excluded = new Set(group?.kind === 'rule' ? group.exclusions : []);
    if (exclude) for (const id of selection.selected) excluded.add(id);
    try {
      await saveGroup(
        group?.id,
        group?.kind === 'picked'
          ? { kind: 'picked', name, members: group.members }
          : {
              kind: 'rule',
              name,
              rule: {
                regions: rule.region ? [rule.region] : [],
                tags: rule.tag ? [rule.tag] : [],
                timeZones: rule.timeZone ? [rule.timeZone] : [],
              },
              exclusions: [...excluded],
            },
      );
      onDone();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <form className="store-groups__form" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label={t('groups.name')}
        value={name}
        error={nameError}
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      {group?.kind !== 'picked' && (
        <>
          <FilterSelect
            label={t('groups.region')}
            anyLabel={t('groups.anyRegion')}
            value={rule.region}
            options={options.regions}
            onChange={(region) => setRule({ ...rule, region })}
          />
          <FilterSelect
            label={t('groups.tag')}
            anyLabel={t('groups.anyTag')}
            value={rule.tag}
            options={options.tags}
            onChange={(tag) => setRule({ ...rule, tag })}
          />
          <FilterSelect
            label={t('groups.timeZone')}
            anyLabel={t('groups.anyTimeZone')}
            value={rule.timeZone}
            options={options.timeZones}
            onChange={(timeZone) => setRule({ ...rule, timeZone })}
          />
          {group?.kind === 'rule' && group.exclusions.length > 0 && (
            <p className="stores-muted">
              {t('groups.leftOut', { count: group.exclusions.length })}
            </p>
          )}
          {selection.selected.size > 0 && (
            <label className="store-editor__check">
              <input
                type="checkbox"
                checked={exclude}
                onChange={(event) => setExclude(event.target.checked)}
              />
              {t('groups.excludeSelected', { count: selection.selected.size })}
            </label>
          )}
        </>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onDone}>
          {t('groups.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('groups.save')}
        </button>
      </div>
    </form>
  );
}
