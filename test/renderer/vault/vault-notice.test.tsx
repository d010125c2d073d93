import { render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { VaultNotice } from '../../../src-renderer/features/vault/VaultNotice.tsx';
import { useVault } from '../../../src-renderer/features/vault/vault-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { keychainVault, shellHandlers } from '../support/fixtures.ts';

beforeEach(() => useVault.setState(useVault.getInitialState(), true));

describe('the vault notice', () => {
  it('says a saved sign-in was kept when the keychain would not open it', async () => {
    installFakeBridge(
      shellHandlers({ 'vault.status': () => ({ ...keychainVault, locked: ['musique.token'] }) }),
    );
    render(<VaultNotice />);
    expect(
      await screen.findByText('Your saved sign-in is locked in the system keychain'),
    ).toBeTruthy();
    expect(screen.getByText(/Aislecast kept your saved sign-in/)).toBeTruthy();
  });

  it('says nothing when all is well', async () => {
    installFakeBridge(shellHandlers({ 'vault.status': () => keychainVault }));
    const { container } = render(<VaultNotice />);
    await waitFor(() => expect(useVault.getState().status).toEqual(keychainVault));
    expect(container.textContent).toBe('');
  });
});
