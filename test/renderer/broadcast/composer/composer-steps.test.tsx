import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { useComposer } from '../../../../src-renderer/features/broadcast/composer/composer-store.ts';
import { TargetSummary } from '../../../../src-renderer/features/broadcast/composer/TargetSummary.tsx';
import { pcDateTime } from '../../../../src-renderer/features/broadcast/composer/schedule.ts';
import { useDemo } from '../../../../src-renderer/features/demo/demo-store.ts';
import { useFixedLayout } from '../../support/layout.ts';
import { audio } from '../../musique/fixtures.ts';
import { callsOf, openComposer } from './harness.tsx';

useFixedLayout();

const step = (name: RegExp) =>
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('button', { name }),
  );
const count = () =>
  screen.getAllByRole('status').find((s) => /stores? chosen|in \d/.test(s.textContent ?? ''));

describe('the composer: what', () => {
  it('finds an announcement by search, and refuses to go on without one (focus on the reason)', async () => {
    await openComposer();
    expect(screen.getByText('No announcement chosen yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const problem = await screen.findByText(
      'Choose an announcement: there is nothing to send yet.',
    );
    await waitFor(() => expect(document.activeElement).toBe(problem));
    expect(screen.getByRole('heading', { name: 'What to send' })).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Find an announcement' }), {
      target: { value: 'lunch' },
    });
    expect(screen.queryByRole('radio', { name: /Opening hours/ })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Lunch deal/ }));
    expect(screen.getByText('Chosen: Lunch deal')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const heading = await screen.findByRole('heading', { name: 'Who receives it' });
    expect(document.activeElement).toBe(heading);
  });

  it('opens from “Send…” on an audio item with that item chosen, on the next step', async () => {
    await openComposer();
    act(() => useBroadcast.getState().setTab('library'));
    fireEvent.click(await screen.findByRole('row', { name: /Opening hours/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send…' }));
    expect(await screen.findByRole('heading', { name: 'Who receives it' })).toBeTruthy();
    step(/What/);
    expect(screen.getByText('Chosen: Opening hours')).toBeTruthy();
  });
});

describe('the composer: who', () => {
  it('counts and breaks down the stores live as regions, tags and exclusions are picked', async () => {
    await openComposer();
    step(/Who/);
    expect(count()?.textContent).toBe('No stores chosen.');
    fireEvent.change(screen.getByRole('combobox', { name: 'Region' }), {
      target: { value: 'São Paulo' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add region' }));
    expect(count()?.textContent).toBe('2 stores in 1 time zone; 1 test store');
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), {
      target: { value: 'express' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(count()?.textContent).toBe('4 stores in 3 time zones; 1 test store');
    const zones = screen.getByRole('list', { name: 'Stores per time zone' });
    expect(
      within(zones)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['America/Sao_Paulo: 2 stores', 'Asia/Tokyo: 1 store', 'Europe/Lisbon: 1 store']);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Leave out a store' }), {
      target: { value: 'shibuya' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Leave out jp_001 (Aisle Shibuya)' }));
    expect(count()?.textContent).toBe('3 stores in 2 time zones; 1 test store 1 store left out.');
    fireEvent.click(screen.getByRole('button', { name: 'Put jp_001 back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Tag express' }));
    expect(count()?.textContent).toBe('2 stores in 1 time zone; 1 test store');

    // One store by search: only directory stores are offered.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Add a store' }), {
      target: { value: 'zz_404' },
    });
    expect(screen.getByText('No store in the directory matches “zz_404”.')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Add a store' }), {
      target: { value: 'lisboa' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add pt_001 (Aisle Lisboa Baixa)' }));
    expect(count()?.textContent).toBe('3 stores in 2 time zones; 1 test store');

    fireEvent.click(screen.getByRole('radio', { name: 'Every store (4)' }));
    expect(count()?.textContent).toBe('4 stores in 3 time zones; 1 test store');
  });

  it('refuses an empty selection, saying why, and sends nothing', async () => {
    const bridge = await openComposer();
    fireEvent.click(screen.getByRole('radio', { name: /Opening hours/ }));
    step(/Who/);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const problem = await screen.findByText(
      'Choose at least one store: a broadcast with no stores cannot be sent.',
    );
    await waitFor(() => expect(document.activeElement).toBe(problem));
    step(/Check/);
    expect(
      within(screen.getByLabelText('Still to do')).getByText(/a broadcast with no stores/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Send to 0 stores/ }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(callsOf(bridge, 'broadcast.plan')).toEqual([]);
    expect(callsOf(bridge, 'broadcast.start')).toEqual([]);
  });

  it('says the directory is empty and offers Stores instead of pickers', async () => {
    await openComposer({ stores: [] });
    step(/Who/);
    expect(await screen.findByText('The store directory is empty')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Stores' })).toBeTruthy();
  });
});

describe('the composer: when and how', () => {
  it('refuses an absolute time in the past at the field, with this PC’s zone in the label', async () => {
    const bridge = await openComposer();
    fireEvent.click(screen.getByRole('radio', { name: /Opening hours/ }));
    step(/Who/);
    fireEvent.click(screen.getByRole('radio', { name: 'Every store (4)' }));
    step(/When/);
    fireEvent.click(screen.getByRole('radio', { name: 'At one time for every store' }));
    const field = screen.getByLabelText(/^Date and time \(this PC’s time: .+, UTC[+−]\d\d:\d\d\)$/);
    fireEvent.change(field, { target: { value: '2020-01-01T09:00' } });
    expect(
      screen.getByText('That time has already passed. Choose a time in the future.'),
    ).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // Main is not asked to plan a time the field refuses.
    expect(useComposer.getState().planning).toBe(false);
    const before = callsOf(bridge, 'broadcast.plan').length;
    const future = pcDateTime(Date.now() + 2 * 86_400_000);
    fireEvent.change(field, { target: { value: future } });
    expect(screen.queryByText(/already passed/)).toBeNull();
    await waitFor(() => expect(callsOf(bridge, 'broadcast.plan').length).toBe(before + 1));
    const last = callsOf(bridge, 'broadcast.plan').at(-1)!;
    expect(last.schedule).toEqual({ kind: 'at', at: new Date(future).toISOString() });
  });

  it('in the demo, judges the time by the demo clock once it was moved forward', async () => {
    await openComposer();
    fireEvent.click(screen.getByRole('radio', { name: /Opening hours/ }));
    step(/Who/);
    fireEvent.click(screen.getByRole('radio', { name: 'Every store (4)' }));
    step(/When/);
    fireEvent.click(screen.getByRole('radio', { name: 'At one time for every store' }));
    const field = screen.getByLabelText(/^Date and time/);
    const tomorrow = pcDateTime(Date.now() + 86_400_000);
    fireEvent.change(field, { target: { value: tomorrow } });
    expect(screen.queryByText(/already passed/)).toBeNull();
    // The demo's clock was moved two days ahead: tomorrow has passed for the Musique in use.
    act(() =>
      useDemo.setState({
        status: { active: true, busy: false, clock: Date.now() + 2 * 86_400_000 },
      }),
    );
    expect(
      await screen.findByText('That time has already passed. Choose a time in the future.'),
    ).toBeTruthy();
    act(() => useDemo.setState({ status: { active: false, busy: false } }));
    await waitFor(() => expect(screen.queryByText(/already passed/)).toBeNull());
  });

  it('explains priority in plain words and refuses repeat and volume out of range', async () => {
    await openComposer();
    step(/How/);
    expect(screen.getByRole('radio', { name: /Urgent Interrupts the music/ })).toBeTruthy();
    expect(screen.getByText('Plays next, as soon as the current track ends.')).toBeTruthy();
    expect(screen.getByText('Joins the queue of announcements.')).toBeTruthy();
    expect(screen.getByText('Waits until nothing else is queued.')).toBeTruthy();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Repeat' }), {
      target: { value: '11' },
    });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Volume' }), {
      target: { value: '101' },
    });
    expect(screen.getByText('Enter a whole number from 1 to 10.')).toBeTruthy();
    expect(screen.getByText('Enter a whole number from 0 to 100.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Fix the repeat and volume before going on.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'How it plays' })).toBeTruthy();
  });

  it('asks again, debounced, as choices change, and drops an answer to older choices', async () => {
    let release: (() => void) | undefined;
    let n = 0;
    const bridge = await openComposer({
      overrides: {
        'broadcast.plan': async (args) => {
          n++;
          const { planFor } = await import('./harness.tsx');
          const plan = planFor(args as never);
          if (n === 1) {
            // The first answer arrives after the choices have changed again.
            await new Promise<void>((resolve) => (release = resolve));
            return { ...plan, forecast: { ...plan.forecast, summary: 'OLD ANSWER' } };
          }
          return plan;
        },
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: /Opening hours/ }));
    step(/Who/);
    await user.click(screen.getByRole('radio', { name: 'Every store (4)' }));
    await waitFor(() => expect(callsOf(bridge, 'broadcast.plan')).toHaveLength(1));
    step(/How/);
    // Typing three characters asks once, after the typing settles.
    const volume = screen.getByRole('spinbutton', { name: 'Volume' });
    await user.clear(volume);
    await user.type(volume, '55');
    await waitFor(() => expect(callsOf(bridge, 'broadcast.plan')).toHaveLength(2));
    expect(callsOf(bridge, 'broadcast.plan')[1]!.options.volume).toBe(55);
    step(/Check/);
    await waitFor(() =>
      expect(screen.getByTestId('composer-forecast').textContent).toBe(
        '1 requests; starts now; done in under a minute',
      ),
    );
    await act(() => {
      release?.();
      return Promise.resolve();
    });
    expect(screen.getByTestId('composer-forecast').textContent).not.toBe('OLD ANSWER');
  });
});

describe('the composer: an upload from the what step', () => {
  it('uploads through the usual list and chooses the new item when it is done', async () => {
    const uploaded = audio('new1', { name: 'Spring sale' });
    let received = 0;
    await openComposer({
      overrides: {
        'musique.uploadBegin': () => ({
          accepted: true,
          uploadId: 'upl_0000000000000001',
          chunkBytes: 1024 * 1024,
        }),
        'musique.uploadChunk': (args) => {
          received += (args as { bytes: Uint8Array }).bytes.byteLength;
          return { received };
        },
        'musique.uploadCheck': () => ({
          ok: true,
          value: {
            ok: true,
            size: received,
            durationSec: 30,
            bitrateKbps: 128,
            suggestedName: 'Spring sale',
          },
        }),
        'musique.uploadStart': () => ({
          uploadId: 'upl_0000000000000001',
          phase: 'done',
          sentBytes: received,
          totalBytes: received,
          item: uploaded,
        }),
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Upload a new one…' }));
    expect(screen.getByText('When the upload is done, it is chosen here.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('file-input'), {
      target: {
        files: [new File([new Uint8Array(4000).fill(1)], 'spring.mp3', { type: 'audio/mpeg' })],
      },
    });
    const row = await screen.findByTestId('upload-row');
    await waitFor(() => expect(row.dataset.stage).toBe('ready'));
    expect(screen.getByText('No announcement chosen yet.')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('Chosen: Spring sale')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeTruthy();
  });
});

describe('the breakdown line', () => {
  it('names the eight largest zones and counts the rest', () => {
    const zones = Array.from({ length: 11 }, (_, i) => ({ timeZone: `Zone/${i}`, stores: 20 - i }));
    render(
      <TargetSummary
        targets={{
          externalIds: [],
          stores: 165,
          timeZones: zones,
          testStores: 0,
          regions: 0,
          excluded: 0,
          gone: [],
        }}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      '165 stores in 11 time zones; no test stores',
    );
    const items = within(screen.getByRole('list', { name: 'Stores per time zone' })).getAllByRole(
      'listitem',
    );
    expect(items).toHaveLength(9);
    expect(items.at(-1)?.textContent).toBe('3 more time zones');
  });
});
