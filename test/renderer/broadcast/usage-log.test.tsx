import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UsageLogQuery } from '../../../src-preload/contract/schemas/musique.ts';
import { BroadcastScreen } from '../../../src-renderer/features/broadcast/BroadcastScreen.tsx';
import { useBroadcast } from '../../../src-renderer/features/broadcast/broadcast-store.ts';
import { useSettings } from '../../../src-renderer/features/settings/settings-store.ts';
import { useFixedLayout } from '../support/layout.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { defaultSettings } from '../support/fixtures.ts';
import { broadcastHandlers, resetStores } from '../musique/fixtures.ts';

useFixedLayout();
beforeEach(() => {
  resetStores();
  useBroadcast.setState({ tab: 'usage' });
});

const entry = (i: number, status = 200) => ({
  timestamp: new Date(Date.UTC(2026, 2, 1, 9, 0, i)).toISOString(),
  method: 'GET',
  endpoint: '/api/audio',
  status,
  durationMs: 3,
  requestId: `req_${i}`,
});

const legacy = () =>
  useSettings.setState({
    settings: { ...defaultSettings, musique: { ...defaultSettings.musique, profile: 'legacy' } },
  });

describe('the usage log', () => {
  it('explains that it needs the legacy profile, and switches to it', async () => {
    const bridge = installFakeBridge(broadcastHandlers([]));
    render(<BroadcastScreen />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Switch the route profile to legacy' }),
    );
    await waitFor(() =>
      expect(bridge.calls.find((c) => c.name === 'settings.set')?.args).toEqual({
        musique: { profile: 'legacy' },
      }),
    );
  });

  it('pages through entries and applies the filters', async () => {
    legacy();
    const queries: UsageLogQuery[] = [];
    const bridge = installFakeBridge(
      broadcastHandlers([], {
        'musique.usageLog': (args) => {
          const query = args as UsageLogQuery;
          queries.push(query);
          if (query.statusClass === '5xx') return { items: [entry(9, 503)], scanned: 200 };
          return query.cursor
            ? { items: [entry(3)], total: 3, scanned: 1 }
            : { items: [entry(1), entry(2)], total: 3, nextCursor: '2', scanned: 2 };
        },
      }),
    );
    render(<BroadcastScreen />);
    expect(await screen.findByText('req_1')).toBeTruthy();
    expect(screen.getByText('2 of 3 entries')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('req_3')).toBeTruthy();
    expect(queries[1]).toMatchObject({ cursor: '2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('Endpoint starts with'), {
      target: { value: '/api/audio' },
    });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '5xx' } });
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'GET' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('req_9')).toBeTruthy();
    expect(queries.at(-1)).toEqual({
      startDate: '2026-03-01',
      endpoint: '/api/audio',
      statusClass: '5xx',
      method: 'GET',
      limit: 50,
    });
    expect(screen.queryByText('req_1')).toBeNull();
    expect(screen.getByText('1 entry shown')).toBeTruthy();
    expect(bridge.calls.filter((c) => c.name === 'musique.usageLog')).toHaveLength(3);
  });
});
