import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useMemo,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { applySelection, selectAll, type SelectionState } from './selection.ts';
import './virtual-table.css';

export interface Column<T> {
  id: string;
  header: string;
  /** CSS grid track, e.g. `minmax(180px, 2fr)` or `72px`. */
  width: string;
  cell: (row: T) => ReactNode;
  sortable?: boolean;
  align?: 'start' | 'end';
}

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

interface Props<T, K extends string | number> {
  rows: readonly T[];
  rowKey: (row: T) => K;
  columns: Column<T>[];
  label: string;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  selection: SelectionState<K>;
  onSelectionChange: (selection: SelectionState<K>) => void;
  /** Double-click or Enter. */
  onActivate?: (rows: T[]) => void;
  /** Extra keys the owner handles for the active row (e.g. Delete); return true when handled. */
  onRowKey?: (event: KeyboardEvent, row: T) => boolean;
  rowHeight?: number;
  /** Marks the row that is playing, for example. */
  highlight?: K;
  empty?: ReactNode;
}

const overscan = 8;

/**
 * A virtualized data grid: only the visible rows (plus a small overscan) exist in the DOM, so
 * 100,000 rows scroll like 100. Sorting and filtering belong to the owner; the table renders
 * what it is given and reports gestures. Keyboard: arrows, Home/End, PageUp/PageDown,
 * Shift to extend, Ctrl/Cmd+A, Space to toggle, Enter to activate.
 */
export function VirtualTable<T, K extends string | number>(props: Props<T, K>) {
  const { rows, rowKey, columns, label, sort, selection, onSelectionChange } = props;
  const rowHeight = props.rowHeight ?? 32;
  const scroller = useRef<HTMLDivElement>(null);
  // Every row's key, built only when a gesture needs them: a filter keystroke over 100,000 rows
  // must not pay for a key list (let alone an index) that no one reads.
  const keysOf = useMemo(() => {
    let keys: K[] | undefined;
    return () => (keys ??= rows.map(rowKey));
  }, [rows, rowKey]);
  const template = columns.map((column) => column.width).join(' ');

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
  });

  const activeIndex = useMemo(
    () => (selection.active === undefined ? -1 : keysOf().indexOf(selection.active)),
    [keysOf, selection.active],
  );

  const moveTo = useCallback(
    (index: number, extend: boolean) => {
      const bounded = Math.max(0, Math.min(rows.length - 1, index));
      const keys = keysOf();
      const key = keys[bounded];
      if (key === undefined) return;
      onSelectionChange(applySelection(selection, keys, key, extend ? 'range' : 'replace'));
      virtualizer.scrollToIndex(bounded, { align: 'auto' });
    },
    [keysOf, rows.length, selection, onSelectionChange, virtualizer],
  );

  const selectedRows = () => rows.filter((row) => selection.selected.has(rowKey(row)));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(
      1,
      Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1,
    );
    const current = activeIndex < 0 ? -1 : activeIndex;
    const primary = event.ctrlKey || event.metaKey;
    const activeRow = current >= 0 ? rows[current] : undefined;
    if (activeRow && props.onRowKey?.(event, activeRow)) {
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1, event.shiftKey);
        break;
      case 'ArrowUp':
        moveTo(current <= 0 ? 0 : current - 1, event.shiftKey);
        break;
      case 'PageDown':
        moveTo(current + page, event.shiftKey);
        break;
      case 'PageUp':
        moveTo(current - page, event.shiftKey);
        break;
      case 'Home':
        moveTo(0, event.shiftKey);
        break;
      case 'End':
        moveTo(rows.length - 1, event.shiftKey);
        break;
      case ' ':
        if (selection.active === undefined) return;
        onSelectionChange(applySelection(selection, keysOf(), selection.active, 'toggle'));
        break;
      case 'Enter':
        if (selection.selected.size) props.onActivate?.(selectedRows());
        break;
      case 'a':
      case 'A':
        if (!primary) return;
        onSelectionChange(selectAll(keysOf(), selection));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent, key: K) => {
    const gesture = event.shiftKey
      ? 'range'
      : event.ctrlKey || event.metaKey
        ? 'toggle'
        : 'replace';
    onSelectionChange(applySelection(selection, keysOf(), key, gesture));
  };

  const headerFor = (column: Column<T>) => {
    const direction = sort?.column === column.id ? sort.direction : undefined;
    const ariaSort =
      direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
    return (
      <div
        key={column.id}
        role="columnheader"
        aria-sort={column.sortable ? ariaSort : undefined}
        className={`vtable__header-cell vtable__cell--${column.align ?? 'start'}`}
      >
        {column.sortable && props.onSortChange ? (
          <button
            type="button"
            className="vtable__sort"
            onClick={() =>
              props.onSortChange?.({
                column: column.id,
                direction: direction === 'asc' ? 'desc' : 'asc',
              })
            }
          >
            {column.header}
            <span aria-hidden="true" className="vtable__sort-mark">
              {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}
            </span>
          </button>
        ) : (
          column.header
        )}
      </div>
    );
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      className="vtable"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-activedescendant={activeIndex >= 0 ? `vrow-${String(selection.active)}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div
        role="row"
        aria-rowindex={1}
        className="vtable__header"
        style={{ gridTemplateColumns: template }}
      >
        {columns.map(headerFor)}
      </div>
      <div className="vtable__scroller" ref={scroller} data-testid="vtable-scroller">
        {rows.length === 0 && props.empty}
        <div
          className="vtable__body"
          role="rowgroup"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            const key = rowKey(row);
            const selected = selection.selected.has(key);
            return (
              // Keyed by position, not by row: a filter or a sort then updates the row elements
              // on screen in place instead of removing them all and building new ones.
              <div
                key={item.index}
                id={`vrow-${String(key)}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`vtable__row${selected ? ' vtable__row--selected' : ''}${
                  key === selection.active ? ' vtable__row--active' : ''
                }${key === props.highlight ? ' vtable__row--highlight' : ''}`}
                style={{
                  gridTemplateColumns: template,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={(event) => onRowClick(event, key)}
                onDoubleClick={() => props.onActivate?.([row])}
              >
                {columns.map((column) => (
                  <div
                    key={column.id}
                    role="gridcell"
                    className={`vtable__cell vtable__cell--${column.align ?? 'start'}`}
                  >
                    {column.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
