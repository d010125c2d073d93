import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoresScreen } from '../../../src-renderer/features/stores/StoresScreen.tsx';
import { useStoreImport } from '../../../src-renderer/features/stores/import-store.ts';
import { useStores } from '../../../src-renderer/features/stores/stores-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { useFixedLayout } from '../support/layout.ts';
import { sampleStores, storesBridge } from '../support/stores-bridge.ts';

useFixedLayout();

const csv = [
  'codigo;nome;regiao;fuso;obs',
  'br_002;Aisle Campinas Centro;São Paulo;America/Sao_Paulo;',
  'br_010;Aisle Santos;São Paulo;Brasilia;',
  'br 011;Aisle Sorocaba;São Paulo;America/Sao_Paulo;',
  'pt_010;Aisle Porto;Porto;Europe/Lisbon;',
  'pt_010;Aisle Porto again;Porto;Europe/Lisbon;',
].join('\r\n');

describe('import preview', () => {
  beforeEach(async () => {
    await useStoreImport.getState().close();
    useStores.setState({ snapshot: undefined, filters: { query: '' }, view: [] });
  });

  it('shows the mapping and each row’s problem, and writes only on confirm', async () => {
    const bridge = storesBridge(sampleStores);
    installFakeBridge(bridge.handlers);
    const user = userEvent.setup();
    render(<StoresScreen />);
    await screen.findByText(/3 stores in 2 regions/);
    const input = screen.getByTestId('stores-import-file');
    await user.upload(input, new File([csv], 'lojas.csv', { type: 'text/csv' }));

    expect(await screen.findByRole('heading', { name: 'Import lojas.csv' })).toBeTruthy();
    expect(screen.getByText('5 rows · separated by “;” · utf-8')).toBeTruthy();
    const idColumn = screen.getByRole('combobox', { name: 'External ID' });
    expect((idColumn as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('codigo');
    expect(
      screen.getByText('1 new, 1 already in the directory, 0 unchanged, 3 with problems.'),
    ).toBeTruthy();
    const problems = screen.getByRole('list', { name: '3 rows have problems' });
    const items = within(problems)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Line 3br_010“Brasilia” is not a time zone name. Did you mean America/Sao_Paulo?',
      expect.stringMatching(/^Line 4br 011The External ID “br 011” has a space inside/),
      expect.stringMatching(/^Line 6pt_010External ID pt_010 already appears on line 5/),
    ]);
    // `obs` was not recognised: map it to notes by hand.
    const notes = screen.getByRole('combobox', { name: 'Notes' });
    await user.selectOptions(notes, 'obs');
    await waitFor(() => expect((notes as HTMLSelectElement).value).toBe('4'));
    expect(bridge.directory.list()).toHaveLength(3);

    await user.click(screen.getByRole('radio', { name: 'Skip them' }));
    await user.click(screen.getByRole('button', { name: 'Import 2 stores' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 imported, 0 updated, 3 skipped');
    await user.click(screen.getByText('See why rows were skipped'));
    expect(screen.getByText(/you chose to skip these/)).toBeTruthy();
    // The suggested zone was taken (the box is ticked by default).
    expect(bridge.directory.get('br_010')?.timeZone).toBe('America/Sao_Paulo');
    expect(bridge.directory.get('br_002')?.name).toBe('Aisle Campinas');
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByText(/5 stores in 3 regions/)).toBeTruthy();
  });

  it('says at the file when it cannot be read, and keeps the directory as it was', async () => {
    const bridge = storesBridge(sampleStores);
    installFakeBridge(bridge.handlers);
    render(<StoresScreen />);
    await screen.findByText(/3 stores in 2 regions/);
    // A file picker's "All files" lets anything through; so does this upload.
    const anyFile = userEvent.setup({ applyAccept: false });
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb]);
    await anyFile.upload(screen.getByTestId('stores-import-file'), new File([mp3], 'jingle.mp3'));
    expect(await screen.findByText(/This is an audio file, not a CSV/)).toBeTruthy();
    expect(screen.getByText(/3 stores in 2 regions/)).toBeTruthy();
    expect(bridge.directory.list()).toHaveLength(3);
  });
});
