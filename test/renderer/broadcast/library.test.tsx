import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { BroadcastScreen } from '../../../src-renderer/features/broadcast/BroadcastScreen.tsx';
import { useFixedLayout } from '../support/layout.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { account, audio, broadcastHandlers, library, resetStores } from '../musique/fixtures.ts';

useFixedLayout();
beforeEach(resetStores);

const items = [
  audio('a1', {
    name: 'Store closing',
    category: 'announcement',
    createdAt: '2026-02-02T00:00:00Z',
    stats: { timesPlayed: 93, lastPlayedAt: '2026-03-01T08:00:00Z', totalRecipients: 400 },
  }),
  audio('a2', {
    name: 'Weekend offer',
    category: 'promotion',
    description: 'Two for one',
    createdAt: '2026-02-11T00:00:00Z',
  }),
  audio('a3', { name: 'Fire drill', category: 'emergency', createdAt: '2026-02-20T00:00:00Z' }),
];

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('gridcell')[0]!.textContent);

describe('the audio library', () => {
  it('shows the cached list, then the fresh one, newest first', async () => {
    const bridge = installFakeBridge(broadcastHandlers(items));
    render(<BroadcastScreen />);
    await waitFor(() => expect(names()).toEqual(['Fire drill', 'Weekend offer', 'Store closing']));
    await waitFor(() =>
      expect(bridge.calls.filter((c) => c.name === 'musique.refreshLibrary')).toHaveLength(1),
    );
    expect(screen.getByText('3 of 3 items')).toBeTruthy();
  });

  it('sorts by a column and filters by text and category', async () => {
    installFakeBridge(broadcastHandlers(items));
    render(<BroadcastScreen />);
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: /Plays/ }));
    // Ties fall back to the name.
    expect(names()).toEqual(['Fire drill', 'Weekend offer', 'Store closing']);
    fireEvent.click(screen.getByRole('button', { name: /Plays/ }));
    expect(names()[0]).toBe('Store closing');
    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(names()).toEqual(['Fire drill', 'Store closing', 'Weekend offer']);
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'two for' } });
    expect(names()).toEqual(['Weekend offer']);
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'emergency' } });
    expect(names()).toEqual(['Fire drill']);
    expect(screen.getByText('1 of 3 items')).toBeTruthy();
  });

  it('keeps the last known list when a refresh fails, and says why', async () => {
    installFakeBridge(
      broadcastHandlers(items, {
        'musique.refreshLibrary': () =>
          library(items, {
            stale: true,
            error: {
              code: 'http_500',
              message: 'Musique had a problem on its side (HTTP 500).',
              requestId: 'req_9',
            },
          }),
      }),
    );
    render(<BroadcastScreen />);
    expect(await screen.findByText('Musique had a problem on its side (HTTP 500).')).toBeTruthy();
    expect(screen.getByText(/Showing the last known list/)).toBeTruthy();
    expect(names()).toHaveLength(3);
  });

  it('shows every field and the fresh statistics of the selected item', async () => {
    const fresh = { ...items[0]!, stats: { ...items[0]!.stats, timesPlayed: 94 } };
    installFakeBridge(broadcastHandlers(items, { 'musique.getAudio': () => fresh }));
    render(<BroadcastScreen />);
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByText('Store closing'));
    const detail = screen.getByRole('complementary', { name: 'Audio details' });
    expect(within(detail).getByRole('heading', { name: 'Store closing' })).toBeTruthy();
    expect(within(detail).getByText('a1')).toBeTruthy();
    expect(within(detail).getByText('https://cdn.example/a1.mp3')).toBeTruthy();
    await waitFor(() => expect(within(detail).getByTestId('times-played').textContent).toBe('94'));
    expect(within(detail).getByText('400')).toBeTruthy();
  });

  it('deletes after confirmation, and explains a refusal for pending sends', async () => {
    let attempts = 0;
    const bridge = installFakeBridge(
      broadcastHandlers(items, {
        'musique.deleteAudio': () =>
          ++attempts === 1
            ? {
                ok: false,
                error: {
                  code: 'audio_has_pending_sends',
                  status: 409,
                  message:
                    'Musique will not delete this audio: scheduled sends that use it have not played yet.',
                  action: 'Delete it once those sends have played, or cancel them first.',
                  requestId: 'req_409',
                },
              }
            : library(items.slice(1)),
      }),
    );
    render(<BroadcastScreen />);
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByText('Store closing'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    let dialog = await screen.findByRole('alertdialog');
    expect(bridge.calls.some((c) => c.name === 'musique.deleteAudio')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Still scheduled')).toBeTruthy();
    expect(screen.getByText(/scheduled sends that use it have not played yet/)).toBeTruthy();
    expect(screen.getByText('Reference: req_409')).toBeTruthy();
    expect(names()).toHaveLength(3);

    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(names()).toEqual(['Fire drill', 'Weekend offer']));
  });

  it('disables delete when the token lacks audio.delete, and says why', async () => {
    installFakeBridge(
      broadcastHandlers(items, {}, account({ permissions: ['audio.read', 'audio.write'] })),
    );
    render(<BroadcastScreen />);
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByText('Fire drill'));
    const button = screen.getByRole('button', { name: 'Delete…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    const reason = document.getElementById(button.getAttribute('aria-describedby')!);
    expect(reason?.textContent).toMatch(/lacks the audio\.delete permission/);
  });
});
