import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';
import { VirtualTable, type Column, type SortState } from '../../ui/table/VirtualTable.tsx';
import { useStores } from './stores-store.ts';
import type { StoreSortColumn } from './stores-view-model.ts';

interface Props {
  onEdit: (store: StoreRecord) => void;
  onRemove: (stores: StoreRecord[]) => void;
}

/** Every store in the directory, filtered and sorted by the store; Enter edits, Delete removes. */
export function StoreTable({ onEdit, onRemove }: Props) {
  const { t } = useTranslation('stores');
  const snapshot = useStores((state) => state.snapshot);
  const view = useStores((state) => state.view);
  const sort = useStores((state) => state.sort);
  const setSort = useStores((state) => state.setSort);
  const selection = useStores((state) => state.selection);
  const setSelection = useStores((state) => state.setSelection);
  const stores = snapshot?.stores;
  const rows = useMemo(() => (stores ? view.map((i) => stores[i]!) : []), [stores, view]);
  const rowKey = useCallback((store: StoreRecord) => store.externalId, []);

  const columns = useMemo<Array<Column<StoreRecord>>>(
    () => [
      {
        id: 'externalId',
        header: t('table.externalId'),
        width: 'minmax(110px, 1fr)',
        sortable: true,
        cell: (s) => <code className="stores-table__id">{s.externalId}</code>,
      },
      {
        id: 'name',
        header: t('table.name'),
        width: 'minmax(180px, 2fr)',
        sortable: true,
        cell: (s) => (
          <>
            {s.name}
            {s.testStore && <span className="stores-badge">{t('table.test')}</span>}
          </>
        ),
      },
      {
        id: 'region',
        header: t('table.region'),
        width: 'minmax(110px, 1fr)',
        sortable: true,
        cell: (s) => s.region || <span className="stores-muted">{t('table.noRegion')}</span>,
      },
      {
        id: 'tags',
        header: t('table.tags'),
        width: 'minmax(120px, 1fr)',
        sortable: true,
        cell: (s) => s.tags.join(', '),
      },
      {
        id: 'timeZone',
        header: t('table.timeZone'),
        width: 'minmax(150px, 1fr)',
        sortable: true,
        cell: (s) => s.timeZone,
      },
    ],
    [t],
  );

  return (
    <VirtualTable
      rows={rows}
      rowKey={rowKey}
      columns={columns}
      label={t('table.label')}
      sort={sort}
      onSortChange={(next: SortState) =>
        setSort({ column: next.column as StoreSortColumn, direction: next.direction })
      }
      selection={selection}
      onSelectionChange={setSelection}
      onActivate={(active) => {
        if (active[0]) onEdit(active[0]);
      }}
      onRowKey={(event) => {
        if (event.key !== 'Delete') return false;
        const chosen = rows.filter((row) => selection.selected.has(row.externalId));
        if (chosen.length) onRemove(chosen);
        return true;
      }}
      empty={<p className="stores-view__empty">{t('filter.noMatch')}</p>}
    />
  );
}
