import { Trash2 } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { formatCount } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { FilterSelect } from './FilterSelect.tsx';
import { useStores } from './stores-store.ts';
import { facets } from './stores-view-model.ts';

/**
 * Saved groups with their member counts today. A rule group (region, tag, time zone, minus
 * exclusions) is saved from the choices here and follows the directory; choosing a group shows
 * its members in the table.
 */
export function GroupPanel() {
  const { t } = useTranslation('stores');
  const snapshot = useStores((state) => state.snapshot);
  // Only the group filter: the panel need not redraw on every filter keystroke.
  const groupId = useStores((state) => state.filters.groupId);
  const setFilters = useStores((state) => state.setFilters);
  const selection = useStores((state) => state.selection);
  const saveGroup = useStores((state) => state.saveGroup);
  const removeGroup = useStores((state) => state.removeGroup);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [rule, setRule] = useState<{ region?: string; tag?: string; timeZone?: string }>({});
  const [exclude, setExclude] = useState(false);
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const options = useMemo(() => (snapshot ? facets(snapshot.stores) : undefined), [snapshot]);
  if (!snapshot || !options) return null;

  const start = () => {
    const { region, tag, timeZone } = useStores.getState().filters;
    setRule({ region, tag, timeZone });
    setName('');
    setExclude(false);
    setNameError(undefined);
    setCreating(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('groups.nameNeeded'));
      return;
    }
    try {
      await saveGroup(undefined, {
        kind: 'rule',
        name,
        rule: {
          regions: rule.region ? [rule.region] : [],
          tags: rule.tag ? [rule.tag] : [],
          timeZones: rule.timeZone ? [rule.timeZone] : [],
        },
        exclusions: exclude ? [...selection.selected] : [],
      });
      setCreating(false);
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <aside className="store-groups" aria-labelledby="store-groups-title">
      <h2 id="store-groups-title" className="store-groups__title">
        {t('groups.title')}
      </h2>
      <ul className="store-groups__list">
        <li>
          <button
            type="button"
            className="store-groups__item"
            aria-pressed={!groupId}
            onClick={() => setFilters({ groupId: undefined })}
          >
            {t('groups.all')}
            <span className="store-groups__count">{formatCount(snapshot.summary.stores)}</span>
          </button>
        </li>
        {snapshot.groups.map((group) => (
          <li key={group.id} className="store-groups__row">
            <button
              type="button"
              className="store-groups__item"
              aria-pressed={groupId === group.id}
              onClick={() => setFilters({ groupId: group.id })}
            >
              {group.name}
              <span className="store-groups__count">
                {t('groups.members', {
                  count: group.memberCount,
                  shown: formatCount(group.memberCount),
                })}
              </span>
            </button>
            <button
              type="button"
              className="icon-button icon-button--small"
              aria-label={t('groups.remove', { name: group.name })}
              onClick={() => void removeGroup(group.id).catch((e) => setError(toApiError(e)))}
            >
              <Trash2 size={14} aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      {!creating && (
        <button type="button" className="button" onClick={start}>
          {t('groups.new')}
        </button>
      )}
      {creating && (
        <form className="store-groups__form" onSubmit={(event) => void submit(event)} noValidate>
          <Field
            label={t('groups.name')}
            value={name}
            error={nameError}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
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
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setCreating(false)}>
              {t('groups.cancel')}
            </button>
            <button type="submit" className="button button--primary">
              {t('groups.save')}
            </button>
          </div>
        </form>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </aside>
  );
}
