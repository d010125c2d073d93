import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src-renderer/app/App.tsx';
import { useNavigation } from '../../../src-renderer/lib/navigation-store.ts';
import { BroadcastScreen } from '../../../src-renderer/features/broadcast/BroadcastScreen.tsx';
import { useBroadcast } from '../../../src-renderer/features/broadcast/broadcast-store.ts';
import { statusPollMs } from '../../../src-renderer/features/broadcast/service-slice.ts';
import { useFixedLayout } from '../support/layout.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { shellHandlers } from '../support/fixtures.ts';
import {
  account,
  audio,
  broadcastHandlers,
  noAccount,
  quota,
  resetStores,
} from '../musique/fixtures.ts';

useFixedLayout();
beforeEach(resetStores);

describe('the broadcaster', () => {
  it('asks to connect Musique when there is no account', async () => {
    installFakeBridge(shellHandlers({ 'musique.account': () => noAccount() }));
    render(<BroadcastScreen />);
    expect(await screen.findByText('Connect Musique to send announcements')).toBeTruthy();
    expect(screen.queryByTestId('environment-badge')).toBeNull();
  });

  it('shows the environment, the account, the service light and the quota in its header', async () => {
    installFakeBridge(broadcastHandlers([audio('a1')]));
    render(<BroadcastScreen />);
    const header = await screen.findByRole('region', { name: 'Broadcaster' });
    expect(within(header).getByTestId('environment-badge').textContent).toBe('Production');
    expect(within(header).getByText('Connected as hq_marketing')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('service-light').dataset.level).toBe('healthy'));
    await waitFor(() => expect(screen.getByTestId('quota-minute').textContent).toBe('97'));
    expect(screen.getByTestId('quota-hour').textContent).toBe('≈997');
    const minute = within(screen.getByTestId('quota-meter')).getByRole('meter', {
      name: 'this minute',
    });
    expect(minute.getAttribute('aria-valuenow')).toBe('97');
    expect(minute.getAttribute('aria-valuetext')).toBe('97 of 100 this minute');
  });

  it('moves the quota meter as main pushes new figures', async () => {
    const bridge = installFakeBridge(broadcastHandlers([audio('a1')]));
    render(<BroadcastScreen />);
    await waitFor(() => expect(screen.getByTestId('quota-minute').textContent).toBe('97'));
    act(() => bridge.emit('musique.quotaChanged', quota(42)));
    expect(screen.getByTestId('quota-minute').textContent).toBe('42');
  });

  it('shows an unknown environment with a warning and a development one plainly', async () => {
    installFakeBridge(
      broadcastHandlers([], {}, account({ environment: { name: 'qa', kind: 'unknown' } })),
    );
    render(<BroadcastScreen />);
    const badge = await screen.findByTestId('environment-badge');
    expect(badge.textContent).toBe('Environment “qa”');
    expect(badge.dataset.environment).toBe('unknown');
    expect(screen.getByText(/does not recognise the environment “qa”/)).toBeTruthy();
  });

  it('explains a degraded service component by component', async () => {
    installFakeBridge(
      broadcastHandlers([], {
        'musique.serviceStatus': () => ({
          info: { name: 'Musique Partner API', version: '1.4.2' },
          health: {
            status: 'degraded',
            components: [
              { name: 'database', status: 'healthy' },
              { name: 'storage', status: 'healthy' },
              { name: 'messaging', status: 'degraded' },
            ],
          },
        }),
      }),
    );
    render(<BroadcastScreen />);
    const light = await screen.findByTestId('service-light');
    await waitFor(() => expect(light.dataset.level).toBe('degraded'));
    expect(light.getAttribute('aria-label')).toBe('Musique service status: Degraded');
    fireEvent.click(light);
    expect(await screen.findByText('Musique Partner API 1.4.2')).toBeTruthy();
    expect(
      screen.getByText(/Sends may not reach the stores while messaging is degraded/),
    ).toBeTruthy();
  });

  it('says when the token was refused instead of showing the library', async () => {
    installFakeBridge(
      broadcastHandlers(
        [audio('a1')],
        {},
        account({
          status: 'rejected',
          error: {
            code: 'token_revoked',
            message: 'This Musique API token has been revoked.',
            action: 'Generate a new token in Settings → Musique.',
          },
        }),
      ),
    );
    render(<BroadcastScreen />);
    expect(await screen.findByText('Musique no longer accepts this token')).toBeTruthy();
    expect(screen.getByText('Generate a new token in Settings → Musique.')).toBeTruthy();
    expect(screen.getByTestId('environment-badge')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });
});

describe('service status polling', () => {
  // Only intervals are faked, so Testing Library's own waiting keeps working.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('asks for Musique’s health at a modest interval, only while the broadcaster is open', async () => {
    expect(statusPollMs).toBeGreaterThanOrEqual(15_000);
    const bridge = installFakeBridge(broadcastHandlers([audio('a1')]));
    const checks = () => bridge.calls.filter((c) => c.name === 'musique.serviceStatus').length;
    render(<App />);
    await act(() => vi.advanceTimersByTimeAsync(5 * statusPollMs));
    expect(checks()).toBe(0);

    act(() => useNavigation.getState().go('broadcast'));
    await waitFor(() => expect(checks()).toBe(1));
    await act(() => vi.advanceTimersByTimeAsync(statusPollMs));
    await waitFor(() => expect(checks()).toBe(2));
    await act(() => vi.advanceTimersByTimeAsync(statusPollMs));
    await waitFor(() => expect(checks()).toBe(3));

    act(() => useNavigation.getState().go('library'));
    await screen.findByText('Connect your Queye library to start');
    await act(() => vi.advanceTimersByTimeAsync(10 * statusPollMs));
    expect(checks()).toBe(3);
  });
});

describe('the environment badge', () => {
  it('stays in view on every tab of the broadcaster', async () => {
    installFakeBridge(
      broadcastHandlers([audio('a1')], {
        'musique.usageLog': () => ({ items: [], total: 0, scanned: 0 }),
      }),
    );
    render(<BroadcastScreen />);
    await screen.findByRole('region', { name: 'Broadcaster' });
    for (const tab of ['library', 'upload', 'usage'] as const) {
      act(() => useBroadcast.getState().setTab(tab));
      const badges = screen.getAllByTestId('environment-badge');
      expect(badges.map((b) => b.textContent)).toEqual(['Production']);
    }
  });
});
