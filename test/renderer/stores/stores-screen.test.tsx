import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoresScreen } from '../../../src-renderer/features/stores/StoresScreen.tsx';
import { useStores } from '../../../src-renderer/features/stores/stores-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { useFixedLayout } from '../support/layout.ts';
import { sampleStores, storesBridge } from '../support/stores-bridge.ts';

useFixedLayout();

const rowNames = () =>
  screen
    .queryAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('gridcell')[0]!.textContent);

describe('stores screen', () => {
  beforeEach(() => {
    useStores.setState({
      snapshot: undefined,
      filters: { query: '' },
      sort: { column: 'name', direction: 'asc' },
      view: [],
      selection: { selected: new Set() },
    });
  });

  it('explains where External IDs come from when the directory is empty, and offers import', async () => {
    installFakeBridge(storesBridge().handlers);
    render(<StoresScreen />);
    expect(await screen.findByRole('heading', { name: 'No stores yet' })).toBeTruthy();
    expect(screen.getByText(/External ID — the ID your company gave the store/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import CSV…' })).toBeTruthy();
  });

  it('summarizes, filters by text and region, and sorts', async () => {
    installFakeBridge(storesBridge(sampleStores).handlers);
    const user = userEvent.setup();
    render(<StoresScreen />);
    expect(await screen.findByText(/3 stores in 2 regions, 2 time zones\./)).toBeTruthy();
    expect(screen.getByText(/1 test store\./)).toBeTruthy();
    expect(rowNames()).toEqual(['br_002', 'pt_001', 'br_001']);

    await user.type(screen.getByRole('searchbox', { name: 'Filter stores' }), 'express');
    expect(rowNames()).toEqual(['br_002', 'pt_001']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Region' }), 'Lisboa');
    expect(rowNames()).toEqual(['pt_001']);
    expect(screen.getByText('1 of 3')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Filter stores' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Region' }), '');
    await user.click(screen.getByRole('checkbox', { name: 'Test stores only' }));
    expect(rowNames()).toEqual(['br_001']);
    await user.click(screen.getByRole('checkbox', { name: 'Test stores only' }));
    await user.click(screen.getByRole('button', { name: /External ID/ }));
    expect(rowNames()).toEqual(['br_001', 'br_002', 'pt_001']);
  });

  it('adds a store, showing field problems and the suggested time zone', async () => {
    const bridge = storesBridge(sampleStores);
    installFakeBridge(bridge.handlers);
    const user = userEvent.setup();
    render(<StoresScreen />);
    await user.click(await screen.findByRole('button', { name: 'Add store' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('External ID'), 'br 003');
    const zone = within(dialog).getByLabelText('Time zone');
    await user.clear(zone);
    await user.type(zone, 'GMT-3');
    await user.click(within(dialog).getByRole('button', { name: 'Add store' }));
    expect(within(dialog).getByText(/has a space inside/)).toBeTruthy();
    expect(within(dialog).getByText(/Did you mean America\/Sao_Paulo\?/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Use America/Sao_Paulo' }));
    const id = within(dialog).getByLabelText('External ID');
    await user.clear(id);
    await user.type(id, 'br_003');
    await user.type(within(dialog).getByLabelText('Name'), 'Aisle Santos');
    await user.click(within(dialog).getByRole('button', { name: 'Add store' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.directory.get('br_003')).toMatchObject({ timeZone: 'America/Sao_Paulo' });
    expect(await screen.findByText(/4 stores in 2 regions/)).toBeTruthy();
  });

  it('opens the active row for editing with Enter and saves the change', async () => {
    const bridge = storesBridge(sampleStores);
    installFakeBridge(bridge.handlers);
    const user = userEvent.setup();
    render(<StoresScreen />);
    const grid = await screen.findByRole('grid', { name: 'Stores' });
    grid.focus();
    await user.keyboard('{End}{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Edit Aisle Paulista' });
    expect(within(dialog).getByLabelText<HTMLInputElement>('External ID').value).toBe('br_001');
    const region = within(dialog).getByLabelText('Region');
    await user.clear(region);
    await user.type(region, 'Baixada Santista');
    await user.type(within(dialog).getByLabelText('Monday'), '8h-22h');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.directory.get('br_001')).toMatchObject({
      region: 'Baixada Santista',
      openingHours: { mon: '08:00-22:00' },
      testStore: true,
    });
  });

  it('removes the selected stores from the keyboard after a confirmation', async () => {
    const bridge = storesBridge(sampleStores);
    installFakeBridge(bridge.handlers);
    const user = userEvent.setup();
    render(<StoresScreen />);
    const grid = await screen.findByRole('grid', { name: 'Stores' });
    grid.focus();
    await user.keyboard('{ArrowDown}{Shift>}{ArrowDown}{/Shift}');
    expect(await screen.findByText('2 selected')).toBeTruthy();
    fireEvent.keyDown(grid, { key: 'Delete' });
    const confirm = await screen.findByRole('alertdialog');
    expect(within(confirm).getByText('Remove 2 stores?')).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(rowNames()).toEqual(['br_001']));
    expect(bridge.directory.list().map((s) => s.externalId)).toEqual(['br_001']);
  });

  it('a rule group counts its members and follows bulk edits', async () => {
    installFakeBridge(storesBridge(sampleStores).handlers);
    const user = userEvent.setup();
    render(<StoresScreen />);
    await user.click(await screen.findByRole('button', { name: 'New rule group' }));
    await user.type(screen.getByLabelText('Group name'), 'Express');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Has tag' }), 'express');
    await user.click(screen.getByRole('button', { name: 'Save group' }));
    const group = await screen.findByRole('button', { name: /^Express\s*2 stores$/ });
    await user.click(group);
    expect(rowNames()).toEqual(['br_002', 'pt_001']);

    // Tag the third store by hand: the group grows by itself.
    await user.click(screen.getByRole('button', { name: 'All stores 3' }));
    const grid = screen.getByRole('grid', { name: 'Stores' });
    grid.focus();
    await user.keyboard('{End}');
    await user.type(screen.getByRole('textbox', { name: 'Tag' }), 'express');
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(await screen.findByRole('button', { name: /^Express\s*3 stores$/ })).toBeTruthy();

    // Edit the rule: São Paulo only.
    await user.click(screen.getByRole('button', { name: 'Edit group Express' }));
    expect(screen.getByLabelText<HTMLInputElement>('Group name').value).toBe('Express');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Region is' }), 'São Paulo');
    await user.click(screen.getByRole('button', { name: 'Save group' }));
    expect(await screen.findByRole('button', { name: /^Express\s*2 stores$/ })).toBeTruthy();
  });
});
