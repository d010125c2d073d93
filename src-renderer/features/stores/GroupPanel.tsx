import { Pencil, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreGroupView } from '../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { formatCount } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { GroupForm } from './GroupForm.tsx';
import { useStores } from './stores-store.ts';
import { facets } from './stores-view-model.ts';

/**
 * Saved groups with their member counts today (a rule group follows the directory as it
 * changes); choosing a group shows its members in the table.
 */
export function GroupPanel() {
  const { t } = useTranslation('stores');
  const snapshot = useStores((state) => state.snapshot);
  // Only the group filter: the panel need not redraw on every filter keystroke.
  const groupId = useStores((state) => state.filters.groupId);
  const setFilters = useStores((state) => state.setFilters);
  const removeGroup = useStores((state) => state.removeGroup);
  const [editing, setEditing] = useState<StoreGroupView | 'new'>();
  const [error, setError] = useState<ApiError>();
  const options = useMemo(() => (snapshot ? facets(snapshot.stores) : undefined), [snapshot]);
  if (!snapshot || !options) return null;

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
              aria-label={t('groups.edit', { name: group.name })}
              onClick={() => setEditing(group)}
            >
              <Pencil size={14} aria-hidden="true" />
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
      {editing ? (
        <GroupForm
          key={editing === 'new' ? 'new' : editing.id}
          group={editing === 'new' ? undefined : editing}
          options={options}
          onDone={() => setEditing(undefined)}
        />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('groups.new')}
        </button>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </aside>
  );
}
