import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src-renderer/app/App.tsx';
import { useNavigation } from '../../../src-renderer/lib/navigation-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { defaultSettings, shellHandlers } from '../support/fixtures.ts';

describe('app shell', () => {
  it('opens on the library with a purposeful empty state', async () => {
    installFakeBridge(shellHandlers());
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Library');
    // The library screen asks main for the library first, then explains the empty state.
    expect(await screen.findByText('Connect your Queye library to start')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByText('Not connected')).toHaveLength(2));
  });

  it('moves through the sidebar with arrow keys and switches with Ctrl+number', async () => {
    installFakeBridge(shellHandlers());
    render(<App />);
    const library = screen.getByRole('button', { name: /Library/ });
    library.focus();
    fireEvent.keyDown(library, { key: 'ArrowUp' });
    expect(document.activeElement?.getAttribute('data-section')).toBe('settings');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.getAttribute('data-section')).toBe('library');
    act(() => {
      fireEvent.keyDown(window, { key: '2', ctrlKey: true });
    });
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Broadcast'),
    );
    expect(useNavigation.getState().section).toBe('broadcast');
    expect(screen.getByRole('button', { name: /Broadcast/ }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('applies the dark theme when the setting says so and follows pushed changes', async () => {
    const bridge = installFakeBridge(shellHandlers());
    render(<App />);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    act(() => bridge.emit('settings.changed', { ...defaultSettings, ui: { theme: 'dark' } }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
  });

  it('shows pushed connection changes with the demo label', async () => {
    const bridge = installFakeBridge(shellHandlers());
    render(<App />);
    act(() =>
      bridge.emit('connection.changed', {
        queye: { state: 'online', demo: true, detail: 'Connected as u_1' },
        musique: { state: 'degraded', demo: true },
      }),
    );
    await waitFor(() => expect(screen.getByText('Connected')).toBeTruthy());
    expect(screen.getByText('Degraded')).toBeTruthy();
    expect(screen.getAllByText('DEMO')).toHaveLength(2);
  });
});

describe('damaged data files', () => {
  it('says which file was reset and where it was kept, follows pushes, and dismisses', async () => {
    const notice = {
      id: 'n1',
      file: 'player/queue.json',
      what: 'Your saved queue could not be read and was reset.',
      keptAs: 'player/queue.json.damaged-20261204T142233Z',
      at: '2026-12-04T14:22:33.000Z',
    };
    const dismissed: unknown[] = [];
    const bridge = installFakeBridge(
      shellHandlers({
        'app.damagedFiles': () => [notice],
        'app.dismissDamagedFile': (args) => {
          dismissed.push(args);
          return [];
        },
      }),
    );
    render(<App />);
    expect(await screen.findByText(notice.what)).toBeTruthy();
    expect(screen.getByText(/kept as player\/queue\.json\.damaged-20261204T142233Z/)).toBeTruthy();

    act(() =>
      bridge.emit('app.damagedFilesChanged', [
        notice,
        { id: 'n2', file: 'vault.json', what: 'Saved sign-ins were reset.', at: notice.at },
      ]),
    );
    expect(await screen.findByText('2 data files could not be read and were reset')).toBeTruthy();
    expect(screen.getByText(/vault\.json could not be moved aside/)).toBeTruthy();

    fireEvent.click(
      screen.getByRole('button', { name: 'Dismiss the notice about player/queue.json' }),
    );
    await waitFor(() => expect(dismissed).toEqual([{ id: 'n1' }]));
    await waitFor(() => expect(screen.queryByText(notice.what)).toBeNull());
  });
});
