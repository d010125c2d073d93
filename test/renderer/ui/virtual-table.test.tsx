import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { applySelection, type SelectionState } from '../../../src-renderer/ui/table/selection.ts';
import { VirtualTable, type Column } from '../../../src-renderer/ui/table/VirtualTable.tsx';
import { useFixedLayout } from '../support/layout.ts';

interface Row {
  id: number;
  name: string;
}
const rows: Row[] = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `Row ${i + 1}` }));
const columns: Column<Row>[] = [
  { id: 'name', header: 'Name', width: '1fr', cell: (row) => row.name, sortable: true },
  { id: 'id', header: 'ID', width: '80px', cell: (row) => row.id, align: 'end' },
];

function Harness(props: { onActivate?: (rows: Row[]) => void; onSort?: () => void }) {
  const [selection, setSelection] = useState<SelectionState<number>>({ selected: new Set() });
  return (
    <div style={{ height: 400 }}>
      <VirtualTable
        rows={rows}
        rowKey={(row) => row.id}
        columns={columns}
        label="Rows"
        sort={{ column: 'name', direction: 'asc' }}
        onSortChange={props.onSort}
        selection={selection}
        onSelectionChange={setSelection}
        onActivate={props.onActivate}
      />
    </div>
  );
}

describe('selection rules', () => {
  const keys = [1, 2, 3, 4, 5];
  it('click replaces, toggle adds and removes, shift selects a range from the anchor', () => {
    let state: SelectionState<number> = { selected: new Set() };
    state = applySelection(state, keys, 2, 'replace');
    state = applySelection(state, keys, 4, 'toggle');
    expect([...state.selected]).toEqual([2, 4]);
    state = applySelection(state, keys, 4, 'toggle');
    expect([...state.selected]).toEqual([2]);
    state = applySelection(state, keys, 2, 'replace');
    state = applySelection(state, keys, 5, 'range');
    expect([...state.selected]).toEqual([2, 3, 4, 5]);
    state = applySelection(state, keys, 1, 'range');
    expect([...state.selected]).toEqual([1, 2]);
  });
});

describe('VirtualTable', () => {
  useFixedLayout({ width: 800, height: 400 });

  it('renders only a window of a 10,000-row list and reports sort clicks', () => {
    const onSort = vi.fn();
    render(<Harness onSort={onSort} />);
    const grid = screen.getByRole('grid', { name: 'Rows' });
    expect(grid.getAttribute('aria-rowcount')).toBe('10001');
    const bodyRows = screen.getAllByRole('row').length - 1;
    // 400 px at 32 px per row is 13 visible rows, plus the overscan on one side.
    expect(bodyRows).toBeGreaterThanOrEqual(13);
    expect(bodyRows).toBeLessThan(30);
    expect(screen.getByText('Row 1')).toBeTruthy();
    expect(screen.queryByText('Row 5000')).toBeNull();
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(onSort).toHaveBeenCalledWith({ column: 'name', direction: 'desc' });
  });

  it('moves with the keyboard, extends with Shift and activates with Enter', () => {
    const onActivate = vi.fn();
    render(<Harness onActivate={onActivate} />);
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onActivate).toHaveBeenCalledWith([rows[1], rows[2]]);
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onActivate.mock.lastCall?.[0]).toHaveLength(10_000);
  });

  it('activates a row on double-click', () => {
    const onActivate = vi.fn();
    render(<Harness onActivate={onActivate} />);
    const first = screen.getAllByRole('row')[1]!;
    fireEvent.doubleClick(first);
    expect(onActivate).toHaveBeenCalledWith([rows[0]]);
  });
});
