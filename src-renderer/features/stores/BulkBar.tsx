import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { formatCount } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { notify } from '../../ui/toast-store.ts';
import { useStores } from './stores-store.ts';

interface Props {
  onExport: (externalIds: string[]) => void;
  onRemove: () => void;
}

/** What can be done to every selected store at once: tags, region, a group, export, removal. */
export function BulkBar({ onExport, onRemove }: Props) {
  const { t } = useTranslation('stores');
  const selection = useStores((state) => state.selection);
  const bulkEdit = useStores((state) => state.bulkEdit);
  const saveGroup = useStores((state) => state.saveGroup);
  const [tag, setTag] = useState('');
  const [region, setRegion] = useState('');
  const [error, setError] = useState<ApiError>();
  const ids = [...selection.selected];
  if (!ids.length) return null;

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setError(undefined);
      notify({ tone: 'success', title: done });
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <div className="stores-bulk" role="toolbar" aria-label={t('bulk.label')}>
      <span className="stores-bulk__count">
        {t('bulk.selected', { count: ids.length, shown: formatCount(ids.length) })}
      </span>
      <Field
        className="stores-bulk__input"
        label={t('bulk.tag')}
        hideLabel
        placeholder={t('bulk.tag')}
        value={tag}
        onChange={(event) => setTag(event.target.value)}
      />
      <button
        type="button"
        className="button"
        disabled={!tag.trim()}
        onClick={() =>
          void run(() => bulkEdit({ externalIds: ids, addTags: [tag] }), t('bulk.tagAdded'))
        }
      >
        {t('bulk.addTag')}
      </button>
      <button
        type="button"
        className="button"
        disabled={!tag.trim()}
        onClick={() =>
          void run(() => bulkEdit({ externalIds: ids, removeTags: [tag] }), t('bulk.tagRemoved'))
        }
      >
        {t('bulk.removeTag')}
      </button>
      <Field
        className="stores-bulk__input"
        label={t('bulk.region')}
        hideLabel
        placeholder={t('bulk.region')}
        value={region}
        onChange={(event) => setRegion(event.target.value)}
      />
      <button
        type="button"
        className="button"
        onClick={() => void run(() => bulkEdit({ externalIds: ids, region }), t('bulk.regionSet'))}
      >
        {t('bulk.setRegion')}
      </button>
      <button
        type="button"
        className="button"
        onClick={() =>
          void run(
            () =>
              saveGroup(undefined, {
                kind: 'picked',
                name: t('bulk.groupName', { date: new Date().toLocaleString() }),
                members: ids,
              }),
            t('bulk.groupSaved'),
          )
        }
      >
        {t('bulk.makeGroup')}
      </button>
      <button type="button" className="button" onClick={() => onExport(ids)}>
        {t('bulk.export')}
      </button>
      <button type="button" className="button button--danger" onClick={onRemove}>
        {t('bulk.remove')}
      </button>
      {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
    </div>
  );
}
