import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { MusiqueSettings } from '../../../src-renderer/features/musique/MusiqueSettings.tsx';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { account, musiqueShell, noAccount, resetStores } from './fixtures.ts';

beforeEach(resetStores);

const failure = (code: string, message: string, field?: string) => ({
  ok: false as const,
  error: {
    code,
    message,
    action: `What to do about ${code}`,
    service: 'musique' as const,
    status: 401,
    requestId: 'req_123',
    ...(field ? { details: { field } } : {}),
  },
});

describe('Settings → Musique, not connected', () => {
  it('connects with a pasted token, cleaned, and shows who it is and what it may do', async () => {
    const bridge = installFakeBridge(
      musiqueShell({
        'musique.account': () => noAccount(),
        'musique.connect': () => account(),
      }),
    );
    render(<MusiqueSettings />);
    const field = await screen.findByLabelText('API token');
    // An input drops line breaks itself; spaces (also inside, from a wrapped copy) remain.
    fireEvent.change(field, { target: { value: ' msk_live_12345 67890abcdef ' } });
    expect(screen.getByText(/Spaces or line breaks were removed/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByText('Connected account');
    expect(bridge.calls.find((c) => c.name === 'musique.connect')?.args).toEqual({
      token: ' msk_live_12345 67890abcdef ',
    });
    const badge = screen.getByTestId('environment-badge');
    expect(badge.textContent).toBe('Production');
    expect(badge.dataset.environment).toBe('production');
    expect(screen.getByTestId('external-id').textContent).toBe('hq_marketing');
    expect(screen.getByTestId('token-hint').textContent).toBe('msk_live_…cdef');
    const permissions = screen.getByRole('list', { name: 'Permissions' });
    expect(within(permissions).getAllByText('Granted')).toHaveLength(4);
  });

  it('refuses a malformed token at the field without calling main', async () => {
    const bridge = installFakeBridge(musiqueShell({ 'musique.account': () => noAccount() }));
    render(<MusiqueSettings />);
    const field = await screen.findByLabelText('API token');
    fireEvent.change(field, { target: { value: 'hello world' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /does not look like a Musique token/,
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.calls.some((c) => c.name === 'musique.connect')).toBe(false);
  });

  it('warns about an unknown environment but lets it through', async () => {
    installFakeBridge(musiqueShell({ 'musique.account': () => noAccount() }));
    render(<MusiqueSettings />);
    fireEvent.change(await screen.findByLabelText('API token'), {
      target: { value: 'msk_qa_1234567890abcdef' },
    });
    expect(screen.getByText(/Unknown environment “qa”/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Connect' }).disabled).toBe(false);
  });

  it("shows Musique's refusal at the token field, with what to do", async () => {
    installFakeBridge(
      musiqueShell({
        'musique.account': () => noAccount(),
        'musique.connect': () =>
          failure('token_revoked', 'This Musique API token has been revoked.', 'token'),
      }),
    );
    render(<MusiqueSettings />);
    fireEvent.change(await screen.findByLabelText('API token'), {
      target: { value: 'msk_live_1234567890abcdef' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This Musique API token has been revoked.',
    );
    expect(screen.getByText('What to do about token_revoked')).toBeTruthy();
  });

  it('generates a token from an External ID and the company token, checking fields first', async () => {
    const bridge = installFakeBridge(
      musiqueShell({
        'musique.account': () => noAccount(),
        'musique.generateToken': (args) => {
          const { externalId } = args as { externalId: string };
          return externalId === 'taken'
            ? failure(
                'external_id_in_use',
                'This External ID already has a live API token.',
                'externalId',
              )
            : account({ externalId, environment: { name: 'test', kind: 'development' } });
        },
      }),
    );
    render(<MusiqueSettings />);
    fireEvent.mouseDown(await screen.findByRole('tab', { name: 'Generate a token' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Generate a token' }));
    const submit = await screen.findByRole('button', { name: 'Generate and connect' });
    fireEvent.click(submit);
    expect(await screen.findByText('Enter an External ID.')).toBeTruthy();
    expect(screen.getByText('Paste the company token.')).toBeTruthy();
    expect(bridge.calls.some((c) => c.name === 'musique.generateToken')).toBe(false);

    fireEvent.change(screen.getByLabelText('External ID'), { target: { value: 'taken' } });
    fireEvent.change(screen.getByLabelText('Company token'), { target: { value: 'comp_abc' } });
    fireEvent.click(submit);
    expect(await screen.findByText('This External ID already has a live API token.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('External ID'), { target: { value: 'hq_new' } });
    fireEvent.click(submit);
    await screen.findByText('Connected account');
    expect(screen.getByTestId('environment-badge').textContent).toBe('Development');
  });
});

describe('Settings → Musique and the vault', () => {
  it('shows the weak-storage choice and asks again for a token the keychain lost', async () => {
    installFakeBridge(
      musiqueShell({
        'vault.status': () => ({
          protection: 'weak',
          storage: 'memory-only',
          weakStorageAllowed: false,
          dropped: ['musique.apiToken'],
        }),
        'musique.account': () => ({
          ...noAccount(),
          error: {
            code: 'token_unreadable',
            message: 'The saved Musique token could not be decrypted on this computer.',
          },
        }),
      }),
    );
    render(<MusiqueSettings />);
    expect(await screen.findByText('Please sign in again')).toBeTruthy();
    expect(
      screen.getByRole('radiogroup', { name: 'Where should Aislecast keep your keys?' }),
    ).toBeTruthy();
    expect(screen.getByLabelText('API token')).toBeTruthy();
  });
});

describe('Settings → Musique, connected', () => {
  it('shows missing permissions and revokes only after confirmation', async () => {
    const bridge = installFakeBridge(
      musiqueShell({
        'musique.account': () => account({ permissions: ['audio.read'] }),
        'musique.revokeToken': () => noAccount(),
      }),
    );
    render(<MusiqueSettings />);
    const permissions = await screen.findByRole('list', { name: 'Permissions' });
    expect(within(permissions).getAllByText('Not granted')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke token…' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toMatch(/msk_live_…cdef/);
    expect(bridge.calls.some((c) => c.name === 'musique.revokeToken')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await screen.findByLabelText('API token');
    expect(bridge.calls.some((c) => c.name === 'musique.revokeToken')).toBe(true);
  });

  it('shows a token Musique refused, and offers to test it again', async () => {
    installFakeBridge(
      musiqueShell({
        'musique.account': () =>
          account({
            status: 'rejected',
            error: failure('token_revoked', 'This Musique API token has been revoked.').error,
          }),
        'musique.testToken': () => account(),
      }),
    );
    render(<MusiqueSettings />);
    expect(await screen.findByText('This Musique API token has been revoked.')).toBeTruthy();
    expect(screen.getByText('Reference: req_123')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Test token' }));
    await waitFor(() =>
      expect(screen.queryByText('This Musique API token has been revoked.')).toBeNull(),
    );
  });

  it('follows pushed account changes', async () => {
    const bridge = installFakeBridge(musiqueShell({ 'musique.account': () => account() }));
    render(<MusiqueSettings />);
    await screen.findByText('Connected account');
    bridge.emit('musique.accountChanged', noAccount());
    await screen.findByLabelText('API token');
  });
});
