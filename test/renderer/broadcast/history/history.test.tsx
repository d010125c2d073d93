import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  HistoryPage,
  StoreHistoryPage,
} from '../../../../src-preload/contract/schemas/broadcast-history.ts';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { HistoryView } from '../../../../src-renderer/features/broadcast/history/HistoryView.tsx';
import { useNavigation } from '../../../../src-renderer/lib/navigation-store.ts';
import { installFakeBridge, type FakeHandlers } from '../../support/fake-bridge.ts';
import { audio, library } from '../../musique/fixtures.ts';
import { counts, job, resetAll, row } from '../jobs/fixtures.ts';

beforeEach(() => {
  resetAll();
  useBroadcast.setState({ library: library([audio('aud_spring', { name: 'Spring sale' })]) });
});
afterEach(() => vi.restoreAllMocks());

const jobs = Array.from({ length: 30 }, (_, i) =>
  job({
    id: `job_${i}`,
    audioName: `Announcement ${i}`,
    phase: 'done',
    counts: counts({ sent: 10 }),
    test: i === 0,
  }),
);

function show(extra: FakeHandlers = {}) {
  const queries: unknown[] = [];
  const bridge = installFakeBridge({
    'broadcast.history': (args) => {
      queries.push(args);
      const { offset, limit } = args as { offset: number; limit: number };
      return {
        jobs: jobs.slice(offset, offset + limit),
        total: jobs.length,
        historyDays: 90,
      } satisfies HistoryPage;
    },
    'broadcast.rows': () => ({
      rows: [row('store_0001'), row('store_0002', { status: 'failed', reason: 'Not known' })],
      total: 2,
    }),
    ...extra,
  });
  render(<HistoryView />);
  return { queries, bridge };
}

describe('broadcast history', () => {
  it('lists jobs newest first with who, what, when, targets, options and outcome, and pages', async () => {
    const { queries } = show();
    const table = await screen.findByRole('table', { name: 'Broadcast history' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(first.textContent).toContain('Announcement 0');
    expect(first.textContent).toContain('Test');
    expect(first.textContent).toContain('hq_marketing · live');
    expect(first.textContent).toContain('Now');
    expect(first.textContent).toContain('high priority, repeat 2×, volume 80');
    expect(first.textContent).toContain('Complete');
    expect(screen.getByText('1–25 of 30 broadcasts')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('26–30 of 30 broadcasts')).toBeTruthy();
    expect(queries).toEqual([
      { offset: 0, limit: 25 },
      { offset: 25, limit: 25 },
    ]);
  });

  it('sends the filters as the call expects: audio, a whole-day range, outcome, store', async () => {
    const { queries } = show();
    await screen.findByText('1–25 of 30 broadcasts');
    fireEvent.change(screen.getByLabelText('Audio'), { target: { value: 'aud_spring' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'with-failures' } });
    fireEvent.change(screen.getByLabelText('Store External ID'), {
      target: { value: ' store_0042 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(queries).toHaveLength(2));
    expect(queries[1]).toEqual({
      audioId: 'aud_spring',
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 2, 3).toISOString(),
      status: 'with-failures',
      externalId: 'store_0042',
      offset: 0,
      limit: 25,
    });
  });

  it('refuses a date range that ends before it starts, at the field', async () => {
    const { queries } = show();
    await screen.findByText('1–25 of 30 broadcasts');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-05' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01' } });
    expect(screen.getByRole('alert').textContent).toBe('“To” is before “From”.');
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it('says how long history is kept, linking to the setting', async () => {
    show();
    const kept = await screen.findByTestId('history-kept');
    expect(kept.textContent).toContain('History is kept for 90 days.');
    fireEvent.click(within(kept).getByRole('button', { name: 'Change' }));
    expect(useNavigation.getState()).toMatchObject({ section: 'settings', page: 'general' });
  });

  it('opens a job with its stores, then a store with every announcement it was sent', async () => {
    const storeQueries: unknown[] = [];
    show({
      'broadcast.storeHistory': (args) => {
        storeQueries.push(args);
        return {
          externalId: 'store_0002',
          total: 1,
          rows: [
            {
              jobId: 'job_3',
              audioId: 'aud_spring',
              audioName: 'Announcement 3',
              createdAt: '2026-03-01T09:00:00.000Z',
              scheduleAt: '2026-03-01T12:00:00.000Z',
              status: 'failed',
              reason: 'Not known',
              requestId: 'req_store',
              sender: { externalId: 'hq_marketing', environment: 'live', host: 'h' },
            },
          ],
        } satisfies StoreHistoryPage;
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Announcement 3' }));
    expect(await screen.findByRole('heading', { name: 'Announcement 3' })).toBeTruthy();
    expect(await screen.findByText('Not known')).toBeTruthy();
    expect(screen.getByText('req_store_0002')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'History of store_0002' }));
    expect(
      await screen.findByRole('heading', { name: 'Every announcement sent to store_0002' }),
    ).toBeTruthy();
    expect(await screen.findByText('req_store')).toBeTruthy();
    expect(screen.getByText('1 announcement')).toBeTruthy();
    expect(storeQueries).toEqual([{ externalId: 'store_0002', offset: 0, limit: 50 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Back to history' }));
    expect(await screen.findByRole('table', { name: 'Broadcast history' })).toBeTruthy();
  });

  it('exports a job to CSV as a download with the file name main gave', async () => {
    const blobs: Blob[] = [];
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:history';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    const exports: unknown[] = [];
    show({
      'broadcast.exportHistory': (args) => {
        exports.push(args);
        return {
          fileName: 'broadcast-job_3.csv',
          csv: 'externalId,status\r\nstore_0001,sent\r\n',
          rows: 1,
        };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Announcement 3' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Saved broadcast-job_3.csv (1 row)')).toBeTruthy();
    expect(exports).toEqual([{ jobId: 'job_3' }]);
    expect(clicked).toEqual([{ href: 'blob:history', download: 'broadcast-job_3.csv' }]);
    expect(created).toHaveBeenCalledTimes(1);
    expect(await blobs[0]!.text()).toBe('externalId,status\r\nstore_0001,sent\r\n');
  });

  it('opens a store typed in the filter straight away', async () => {
    const storeQueries: unknown[] = [];
    show({
      'broadcast.storeHistory': (args) => {
        storeQueries.push(args);
        return { externalId: 'store_0099', total: 0, rows: [] };
      },
    });
    await screen.findByText('1–25 of 30 broadcasts');
    expect(screen.queryByRole('button', { name: /history$/ })).toBeNull();
    fireEvent.change(screen.getByLabelText('Store External ID'), {
      target: { value: 'store_0099 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: "Open store_0099's history" }));
    expect(await screen.findByText('Nothing was ever sent to this store.')).toBeTruthy();
    expect(storeQueries).toEqual([{ externalId: 'store_0099', offset: 0, limit: 50 }]);
  });

  it("exports a store's history, and shows why an export failed", async () => {
    const exports: unknown[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    show({
      'broadcast.storeHistory': () => ({ externalId: 'store_0001', total: 0, rows: [] }),
      'broadcast.exportHistory': (args) => {
        exports.push(args);
        return {
          ok: false,
          error: {
            code: 'internal',
            service: 'app',
            message: 'Could not read history.',
            requestId: 'loc_9',
          },
        };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Announcement 1' }));
    fireEvent.click(await screen.findByRole('button', { name: 'History of store_0001' }));
    expect(await screen.findByText('Nothing was ever sent to this store.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: "Export this store's history" }));
    expect(await screen.findByText('Could not read history.')).toBeTruthy();
    expect(exports).toEqual([{ externalId: 'store_0001' }]);
  });
});
