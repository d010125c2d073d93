import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import { useAccount } from '../../../src-renderer/features/queye/account-store.ts';
import { QueyeSettings } from '../../../src-renderer/features/queye/QueyeSettings.tsx';
import { useQueye } from '../../../src-renderer/features/queye/queye-store.ts';
import { useSettings } from '../../../src-renderer/features/settings/settings-store.ts';
import { useVault } from '../../../src-renderer/features/vault/vault-store.ts';
import { installFakeBridge, type FakeHandlers } from '../support/fake-bridge.ts';
import { defaultSettings, keychainVault, shellHandlers } from '../support/fixtures.ts';

const clientKey = 'qm_client_AbCd1234_abcdefghijklmnopqrstuvwx';
const userKey = 'qm_user_EfGh5678_ABCDEFGHIJKLMNOPQRSTUVWX';
const baseUrl = 'https://api.queyemusic.com/v1';

const notConfigured = (): QueyeStatus => ({ state: 'not-configured', demo: false, baseUrl });
const signedIn = (): QueyeStatus => ({
  state: 'signed-in',
  demo: false,
  baseUrl,
  userId: 'u_store42',
  clientKeyHint: 'qm_client_…uvwx',
  userKeyHint: 'qm_user_…UVWX',
  scopes: ['library.read', 'stream'],
});

function queyeShell(overrides: FakeHandlers = {}): FakeHandlers {
  return shellHandlers({
    'vault.status': () => keychainVault,
    'queye.status': () => notConfigured(),
    ...overrides,
  });
}

beforeEach(() => {
  useQueye.setState(useQueye.getInitialState(), true);
  useAccount.setState(useAccount.getInitialState(), true);
  useVault.setState(useVault.getInitialState(), true);
  useSettings.setState({ settings: structuredClone(defaultSettings), error: undefined });
});

const connectCalls = (bridge: ReturnType<typeof installFakeBridge>) =>
  bridge.calls.filter((call) => call.name === 'queye.connect');

describe('Settings → Queye Music, the connect form', () => {
  it('checks the keys’ shape as they are typed and sends nothing until they fit', async () => {
    const bridge = installFakeBridge(queyeShell({ 'queye.connect': () => signedIn() }));
    render(<QueyeSettings />);
    const client = await screen.findByLabelText('Client key');
    const user = screen.getByLabelText('User API key');

    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Enter the client key.')).toBeTruthy();
    expect(screen.getByText('Enter your user API key.')).toBeTruthy();

    fireEvent.change(client, { target: { value: userKey } });
    expect(screen.getByText(/This is a user API key \(qm_user_…\)/)).toBeTruthy();
    fireEvent.change(client, { target: { value: 'qm_client_short' } });
    expect(screen.getByText(/This is not a complete client key/)).toBeTruthy();
    fireEvent.change(user, { target: { value: 'sk_live_123' } });
    expect(screen.getByText(/A user API key starts with qm_user_/)).toBeTruthy();
    expect(client.getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(connectCalls(bridge)).toHaveLength(0);
    expect(bridge.calls.some((call) => call.name === 'queye.test')).toBe(false);
  });

  it('strips a pasted key’s trailing line break and spaces, says so, and sends the clean key', async () => {
    const bridge = installFakeBridge(queyeShell({ 'queye.connect': () => signedIn() }));
    render(<QueyeSettings />);
    fireEvent.change(await screen.findByLabelText('Client key'), {
      target: { value: `  ${clientKey}\n` },
    });
    expect(
      screen.getByText('Spaces and line breaks were removed from the pasted key.'),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('User API key'), {
      target: { value: `${userKey}\r\n` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(connectCalls(bridge)).toHaveLength(1));
    expect(connectCalls(bridge)[0]!.args).toEqual({ clientKey, userKey, baseUrl });
    // Signed in: the form is gone, the hints (never the keys) are shown.
    expect(await screen.findByText('Signed in as u_store42')).toBeTruthy();
    expect(screen.queryByLabelText('Client key')).toBeNull();
    expect(screen.getByText('qm_user_…UVWX')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(userKey);
  });

  it('refuses a plain-http base URL that is not this computer, and accepts loopback', async () => {
    const bridge = installFakeBridge(queyeShell({ 'queye.connect': () => signedIn() }));
    render(<QueyeSettings />);
    fireEvent.change(await screen.findByLabelText('Client key'), { target: { value: clientKey } });
    fireEvent.change(screen.getByLabelText('User API key'), { target: { value: userKey } });
    fireEvent.click(screen.getByRole('button', { name: 'Advanced' }));
    const url = screen.getByLabelText('Queye base URL');

    fireEvent.change(url, { target: { value: 'http://queye.example.com/v1' } });
    expect(
      screen.getByText(/Use https:\/\/\. Aislecast sends keys over plain http only/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(connectCalls(bridge)).toHaveLength(0);

    fireEvent.change(url, { target: { value: 'http://127.0.0.1:4010/v1' } });
    expect(screen.queryByText(/Use https:\/\//)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(connectCalls(bridge)).toHaveLength(1));
    expect(connectCalls(bridge)[0]!.args).toMatchObject({ baseUrl: 'http://127.0.0.1:4010/v1' });
  });

  it('shows main’s words and request ID when Queye refuses the key', async () => {
    installFakeBridge(
      queyeShell({
        'queye.connect': () => ({
          ok: false,
          error: {
            code: 'invalid_user_key',
            service: 'queye',
            status: 401,
            message: 'Queye did not accept the user API key.',
            action: 'Copy the current key from API Access in your Queye account.',
            requestId: 'req_8c1d',
          },
        }),
      }),
    );
    render(<QueyeSettings />);
    fireEvent.change(await screen.findByLabelText('Client key'), { target: { value: clientKey } });
    fireEvent.change(screen.getByLabelText('User API key'), { target: { value: userKey } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Queye did not accept the user API key.');
    expect(alert.textContent).toContain('Copy the current key from API Access');
    expect(alert.textContent).toContain('req_8c1d');
    // The keys stay in the form so they can be corrected.
    expect(screen.getByLabelText<HTMLInputElement>('Client key').value).toBe(clientKey);
  });
});

describe('Settings → Queye Music, testing, key protection and signing out', () => {
  it('tests a connection: Queye’s health and who the keys sign in as', async () => {
    const bridge = installFakeBridge(
      queyeShell({
        'queye.test': () => ({
          health: { status: 'ok', version: '2.3.0', latencyMs: 42 },
          exchange: { ok: true, userId: 'u_store42', scopes: ['library.read'] },
        }),
      }),
    );
    render(<QueyeSettings />);
    fireEvent.change(await screen.findByLabelText('Client key'), { target: { value: clientKey } });
    fireEvent.change(screen.getByLabelText('User API key'), { target: { value: userKey } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByRole('status', { name: 'Connection test' });
    expect(result.textContent).toContain('Queye Music answered in 42 ms');
    expect(result.textContent).toContain('sign in as u_store42');
    expect(connectCalls(bridge)).toHaveLength(0);
  });

  it('warns when only weak key protection exists and lets the user choose memory only', async () => {
    let allowed = true;
    const bridge = installFakeBridge(
      queyeShell({
        'vault.status': () => ({
          protection: 'weak',
          storage: allowed ? 'encrypted' : 'memory-only',
          weakStorageAllowed: allowed,
          dropped: [],
        }),
        'vault.setWeakStorage': (args) => {
          allowed = (args as { allowed: boolean }).allowed;
          return {
            protection: 'weak',
            storage: allowed ? 'encrypted' : 'memory-only',
            weakStorageAllowed: allowed,
            dropped: [],
          };
        },
      }),
    );
    render(<QueyeSettings />);
    expect(
      await screen.findByText('Your keys are not protected by this computer’s keychain'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Keep them in memory only/ }));
    await waitFor(() =>
      expect(bridge.calls.find((call) => call.name === 'vault.setWeakStorage')?.args).toEqual({
        allowed: false,
      }),
    );
    expect(await screen.findByText('Saved: keys are now kept in memory only.')).toBeTruthy();
  });

  it('signs out after a confirmation and offers the form again', async () => {
    const bridge = installFakeBridge(
      queyeShell({
        'queye.status': () => signedIn(),
        'queye.keyInfo': () => ({ keyHint: 'qm_user_…UVWX', locked: false }),
        'queye.clients': () => [],
        'queye.accessLog': () => ({ items: [] }),
        'queye.signOut': () => notConfigured(),
      }),
    );
    render(<QueyeSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('removes your keys from this computer');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByLabelText('Client key')).toBeTruthy();
    expect(bridge.calls.filter((call) => call.name === 'queye.signOut')).toHaveLength(1);
  });
});

describe('Settings → Queye Music, approval of a locked key', () => {
  const waiting = (attempts: number): QueyeStatus => ({
    ...notConfigured(),
    state: 'awaiting-approval',
    approval: {
      requestId: 'apr_7Hq2',
      attempts,
      lastCheckedAt: new Date().toISOString(),
      nextAttemptAt: new Date(Date.now() + 30_000).toISOString(),
    },
  });

  it('shows the request ID, what to do, a live waiting state, and cancels', async () => {
    const bridge = installFakeBridge(
      queyeShell({
        'queye.status': () => waiting(1),
        'queye.retryApproval': () => waiting(2),
        'queye.cancelApproval': () => notConfigured(),
      }),
    );
    render(<QueyeSettings />);
    expect((await screen.findByTestId('approval-request-id')).textContent).toBe('apr_7Hq2');
    expect(screen.getByText(/go to API Access → Connected apps/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Waiting for approval…');
    expect(screen.getByText(/Checked 1 times; next check in (29|30) s\./)).toBeTruthy();

    // Main pushes each attempt; the panel follows.
    act(() => bridge.emit('queye.changed', waiting(3)));
    expect(await screen.findByText(/Checked 3 times/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() =>
      expect(bridge.calls.some((call) => call.name === 'queye.retryApproval')).toBe(true),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('approval-request-id')).toBeNull());
    expect(bridge.calls.some((call) => call.name === 'queye.cancelApproval')).toBe(true);
    expect(await screen.findByLabelText('Client key')).toBeTruthy();
  });
});

describe('Settings → Queye Music, account and security', () => {
  it('explains plainly when the sign-in may not manage the account (insufficient_scope)', async () => {
    const refused = {
      ok: false as const,
      error: {
        code: 'insufficient_scope',
        service: 'queye' as const,
        status: 403,
        message: 'This sign-in may not manage the Queye account.',
        action: 'Ask Queye for a key with the account permission to manage keys and apps here.',
        requestId: 'req_scope1',
      },
    };
    installFakeBridge(
      queyeShell({
        'queye.status': () => signedIn(),
        'queye.keyInfo': () => refused,
        'queye.clients': () => refused,
        'queye.accessLog': () => refused,
      }),
    );
    render(<QueyeSettings />);
    expect(
      await screen.findByText('Account management is not available with this sign-in'),
    ).toBeTruthy();
    expect(screen.getByText(/Your music works as usual\./)).toBeTruthy();
    expect(screen.getByText(/Ask Queye for a key with the account permission/)).toBeTruthy();
    // An explanation, not an error to retry.
    expect(screen.queryByRole('button', { name: /Try again/ })).toBeNull();
  });
});

describe('Settings → Queye Music, rotating the user API key', () => {
  it('shows only the new key’s hint: main keeps the key itself', async () => {
    let keyHint = 'qm_user_…UVWX';
    const bridge = installFakeBridge(
      queyeShell({
        'queye.status': () => signedIn(),
        'queye.keyInfo': () => ({ keyHint, locked: false }),
        'queye.clients': () => [],
        'queye.accessLog': () => ({ items: [] }),
        'queye.rotateKey': () => {
          keyHint = 'qm_user_…9XYZ';
          return { hint: keyHint };
        },
      }),
    );
    render(<QueyeSettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate key' }));
    const confirm = await screen.findByRole('alertdialog');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rotate' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('rotated-key').textContent).toBe('qm_user_…9XYZ');
    expect(dialog.textContent).toContain('Aislecast keeps it');
    expect(within(dialog).queryByRole('button', { name: /copy/i })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Nothing asks main for the key, or to keep it: it is already kept there.
    expect(bridge.calls.map((call) => call.name)).not.toContain('queye.keepRotatedKey');
    expect(bridge.calls.filter((call) => call.name === 'queye.rotateKey')).toHaveLength(1);
  });
});
