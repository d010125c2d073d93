import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryStatus } from '../../../src-preload/contract/schemas/library.ts';
import { LibraryScreen } from '../../../src-renderer/features/library/LibraryScreen.tsx';
import {
  subscribeLibrary,
  useLibrary,
} from '../../../src-renderer/features/library/library-store.ts';
import { usePlayRequest } from '../../../src-renderer/features/player/play-request.ts';
import { installFakeBridge, type FakeHandlers } from '../support/fake-bridge.ts';
import { shellHandlers } from '../support/fixtures.ts';
import { useFixedLayout } from '../support/layout.ts';
import { readyStatus, resetLibraryStores, sampleLibrary, snapshotOf } from './fixtures.ts';

useFixedLayout({ width: 1000, height: 600 });
let unsubscribe = () => {};
beforeEach(resetLibraryStores);
afterEach(() => unsubscribe());

async function open(handlers: FakeHandlers) {
  const bridge = installFakeBridge(shellHandlers(handlers));
  unsubscribe = subscribeLibrary();
  await act(() => useLibrary.getState().load());
  render(<LibraryScreen />);
  return bridge;
}

async function openSample(overrides: FakeHandlers = {}) {
  const { snapshot } = sampleLibrary();
  const bridge = await open({
    'library.status': () => readyStatus({ trackCount: 5 }),
    'library.snapshot': () => snapshot,
    ...overrides,
  });
  await screen.findByRole('grid', { name: 'Tracks' });
  return bridge;
}

const grid = (name = 'Tracks') => screen.getByRole('grid', { name });
const rows = (name = 'Tracks') => within(grid(name)).queryAllByRole('row').slice(1);
const column = (index: number, name = 'Tracks') =>
  rows(name).map((row) => within(row).getAllByRole('gridcell')[index]!.textContent);
const filterBy = (text: string) =>
  fireEvent.change(screen.getByRole('searchbox', { name: 'Filter tracks' }), {
    target: { value: text },
  });
const tab = (name: string) => fireEvent.mouseDown(screen.getByRole('tab', { name }), { button: 0 });

describe('the library’s tracks', () => {
  it('lists every track by artist, with the summary and placeholders for missing fields', async () => {
    await openSample();
    expect(screen.getByLabelText('Library summary').textContent).toMatch(
      /5 tracks.*2 albums.*1 playlist/,
    );
    expect(column(1)).toEqual([
      'Beyoncé',
      'Beyoncé',
      'Miles Davis',
      'Miles Davis',
      'Unknown artist',
    ]);
    // Natural order within an artist: album, then track number.
    expect(column(0).slice(0, 4)).toEqual(['If I Were a Boy', 'Halo', 'So What', 'Blue in Green']);
    const bare = rows().at(-1)!;
    expect(within(bare).getByText('Untitled')).toBeTruthy();
    expect(within(bare).getByText('Unknown album')).toBeTruthy();
    expect(screen.getByText('5 of 5')).toBeTruthy();
  });

  it('filters across title, artist and album, ignoring case and accents, word by word', async () => {
    await openSample();
    filterBy('beyonce');
    expect(column(0)).toEqual(['If I Were a Boy', 'Halo']);
    filterBy('BLUE');
    // "Blue in Green" by its title, "So What" by its album, Kind of Blue.
    expect(column(0)).toEqual(['So What', 'Blue in Green']);
    filterBy('blue what');
    expect(column(0)).toEqual(['So What']);
    expect(screen.getByText('1 of 5')).toBeTruthy();
    filterBy('zzz');
    expect(rows()).toHaveLength(0);
    expect(screen.getByText('No tracks match “zzz”.')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Filter tracks' }), { key: 'Escape' });
    expect(rows()).toHaveLength(5);
  });

  it('sorts by a column header, ascending then descending, unknown values last', async () => {
    await openSample();
    fireEvent.click(screen.getByRole('button', { name: 'Title' }));
    expect(column(0)).toEqual(['Blue in Green', 'Halo', 'If I Were a Boy', 'So What', 'Untitled']);
    expect(screen.getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    fireEvent.click(screen.getByRole('button', { name: /Title/ }));
    expect(column(0).slice(0, 4)).toEqual(['Untitled', 'So What', 'If I Were a Boy', 'Halo']);
    fireEvent.click(screen.getByRole('button', { name: 'Duration' }));
    expect(column(3)).toEqual(['4:09', '4:21', '5:37', '9:22', '–']);
    // The filter keeps working on the new order.
    filterBy('miles');
    expect(column(0)).toEqual(['Blue in Green', 'So What']);
  });

  it('plays a multi-selection with Enter, and the list from a row on double-click', async () => {
    await openSample();
    const [first, , third] = rows();
    fireEvent.click(first!);
    fireEvent.click(third!, { ctrlKey: true });
    expect(rows().filter((row) => row.getAttribute('aria-selected') === 'true')).toHaveLength(2);
    fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(usePlayRequest.getState().request).toMatchObject({ ids: [12, 22], mode: 'now' });

    fireEvent.doubleClick(rows()[1]!);
    expect(usePlayRequest.getState().request).toMatchObject({
      ids: [12, 11, 22, 21, 99],
      startIndex: 1,
      mode: 'now',
    });
  });
});

describe('albums and playlists', () => {
  it('opens an album on its tracks, in disc and track order, and goes back', async () => {
    await openSample();
    tab('Albums');
    const albums = await screen.findByRole('grid', { name: 'Albums' });
    const kindOfBlue = within(albums)
      .getAllByRole('row')
      .find((row) => row.textContent?.includes('Kind of Blue'))!;
    fireEvent.doubleClick(kindOfBlue);
    expect(await screen.findByRole('heading', { name: 'Kind of Blue' })).toBeTruthy();
    expect(column(1, 'Kind of Blue')).toEqual(['So What', 'Blue in Green']);
    expect(screen.getByText(/2 tracks · 15 min/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to albums' }));
    expect(await screen.findByRole('grid', { name: 'Albums' })).toBeTruthy();
  });

  it('opens a playlist on its tracks in the playlist’s order', async () => {
    await openSample();
    tab('Playlists');
    const lists = await screen.findByRole('grid', { name: 'Playlists' });
    fireEvent.doubleClick(within(lists).getAllByRole('row')[1]!);
    expect(await screen.findByRole('heading', { name: 'Morning opening' })).toBeTruthy();
    const tracks = within(screen.getByRole('grid', { name: 'Morning opening' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(tracks).toHaveLength(2);
    expect(tracks[0]).toContain('So What');
    expect(tracks[1]).toContain('Halo');
  });
});

describe('the library’s states', () => {
  const status = (overrides: Partial<LibraryStatus>) => () => readyStatus(overrides);

  it('says it is opening while main loads the cache', async () => {
    await open({
      'library.status': status({ state: 'loading', synced: false }),
      'library.snapshot': () => null,
    });
    expect(screen.getByRole('status').textContent).toBe('Opening your library…');
  });

  it('invites to connect when there is no account', async () => {
    await open({});
    expect(screen.getByText('Connect your Queye library to start')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Queye settings' })).toBeTruthy();
  });

  it('shows the first sync’s progress, then the tracks', async () => {
    const empty = snapshotOf([]);
    const syncing: LibraryStatus = readyStatus({
      synced: false,
      lastSyncAt: undefined,
      syncing: {
        kind: 'full',
        phase: 'tracks',
        done: 12_400,
        total: 100_000,
        resumed: false,
        startedAt: new Date().toISOString(),
      },
    });
    const { snapshot } = sampleLibrary();
    let current = empty;
    const bridge = await open({
      'library.status': () => syncing,
      'library.snapshot': () => current,
    });
    expect(await screen.findByText('Fetching your library')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Library sync' });
    expect(bar.getAttribute('aria-valuetext')).toBe('12,400 of 100,000 tracks');
    act(() => bridge.emit('library.progress', { ...syncing.syncing!, done: 50_000 }));
    expect(bar.getAttribute('aria-valuenow')).toBe('50');

    current = { ...snapshot, revision: 2 };
    act(() => bridge.emit('library.changed', readyStatus({ revision: 2, trackCount: 5 })));
    expect(await screen.findByRole('grid', { name: 'Tracks' })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('keeps showing the saved library offline, with a banner', async () => {
    await openSample({ 'library.status': status({ trackCount: 5, blocked: 'offline' }) });
    expect(
      screen.getByText(/You are offline\. This is the library saved on this computer/),
    ).toBeTruthy();
    expect(rows()).toHaveLength(5);
  });

  it('explains a signed-out library and offers the way back', async () => {
    await openSample({ 'library.status': status({ trackCount: 5, blocked: 'signed-out' }) });
    expect(screen.getByText(/You are signed out of Queye Music/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);
  });

  it('shows a failed sync with what to do and its reference, and retries', async () => {
    const bridge = await openSample({
      'library.status': status({
        trackCount: 5,
        lastError: {
          code: 'http_503',
          service: 'queye',
          status: 503,
          message: 'Queye Music is not answering right now.',
          action: 'Aislecast tries again by itself; you can also press Sync now.',
          requestId: 'req_5xx1',
        },
      }),
      'library.sync': () => readyStatus({ trackCount: 5 }),
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Queye Music is not answering right now.');
    expect(alert.textContent).toContain('req_5xx1');
    fireEvent.click(within(alert).getByRole('button', { name: /Try again/ }));
    await waitFor(() =>
      expect(bridge.calls.some((call) => call.name === 'library.sync')).toBe(true),
    );
    expect(rows()).toHaveLength(5);
  });

  it('tells when the first sync failed and nothing is saved yet', async () => {
    await open({
      'library.status': status({ synced: false, lastSyncAt: undefined }),
      'library.snapshot': () => snapshotOf([]),
    });
    expect(await screen.findByText('The library could not be fetched')).toBeTruthy();
  });

  it('tells when the Queye library is empty', async () => {
    await open({
      'library.status': status({}),
      'library.snapshot': () => snapshotOf([]),
    });
    expect(await screen.findByText('Your Queye library is empty')).toBeTruthy();
  });

  it('offers to retry when the saved library cannot be read', async () => {
    let fail = true;
    const { snapshot } = sampleLibrary();
    await open({
      'library.status': status({ trackCount: 5 }),
      'library.snapshot': () =>
        fail
          ? {
              ok: false,
              error: {
                code: 'internal',
                service: 'app',
                message: 'Aislecast could not open the saved library.',
                action: 'Try again.',
                requestId: 'loc_1',
              },
            }
          : snapshot,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Aislecast could not open the saved library.');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: /Try again/ }));
    expect(await screen.findByRole('grid', { name: 'Tracks' })).toBeTruthy();
  });
});
