import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src-renderer/app/App.tsx';
import { useNavigation } from '../../../src-renderer/lib/navigation-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { defaultSettings, shellHandlers } from '../support/fixtures.ts';

const firstRun = { ...defaultSettings, app: { mode: 'unset' as const } };

describe('first run', () => {
  it('offers the demo next to connecting accounts, and starts the demo', async () => {
    const bridge = installFakeBridge(
      shellHandlers({
        'settings.get': () => firstRun,
        'demo.start': () => ({ active: true, busy: false, stores: 1200, tracks: 320 }),
      }),
    );
    render(<App />);
    const dialog = await screen.findByRole('dialog', { name: 'Welcome to Aislecast' });
    expect(dialog.textContent).toContain('Try the demo');
    expect(dialog.textContent).toContain('Connect your accounts');
    fireEvent.click(screen.getByRole('button', { name: 'Start the demo' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.calls.map((c) => c.name)).toContain('demo.start');
    expect(screen.getByRole('status').textContent).toContain('1,200 sample stores');
  });

  it('sends "connect my accounts" to the Queye settings', async () => {
    const bridge = installFakeBridge(shellHandlers({ 'settings.get': () => firstRun }));
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect my accounts' }));
    await waitFor(() =>
      expect(useNavigation.getState()).toMatchObject({ section: 'settings', page: 'queye' }),
    );
    expect(bridge.calls.find((c) => c.name === 'settings.set')?.args).toEqual({
      app: { mode: 'accounts' },
    });
  });

  it('shows why the demo could not start', async () => {
    installFakeBridge(
      shellHandlers({
        'settings.get': () => firstRun,
        'demo.start': () => ({
          ok: false,
          error: {
            code: 'demo_failed',
            message: 'The built-in demo could not start.',
            action: 'Try again.',
            requestId: 'loc_0000abcd',
          },
        }),
      }),
    );
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Start the demo' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not start');
    expect(alert.textContent).toContain('loc_0000abcd');
  });

  it('lets the user leave a running demo after confirming', async () => {
    const bridge = installFakeBridge(
      shellHandlers({
        'settings.get': () => ({ ...defaultSettings, app: { mode: 'demo' as const } }),
        'demo.status': () => ({ active: true, busy: false, stores: 1200 }),
        'demo.stop': () => ({ active: false, busy: false }),
      }),
    );
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Leave the demo' }));
    const confirm = await screen.findByRole('alertdialog');
    fireEvent.click(confirm.querySelector('.button--primary')!);
    await waitFor(() => expect(bridge.calls.map((c) => c.name)).toContain('demo.stop'));
    act(() => bridge.emit('demo.changed', { active: false, busy: false }));
    await waitFor(() => expect(screen.queryByText(/You are using the built-in demo/)).toBeNull());
  });
});
