import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BroadcastRequestArgs } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { pcDate } from '../../../../src-renderer/features/broadcast/composer/schedule.ts';
import { useFixedLayout } from '../../support/layout.ts';
import { account } from '../../musique/fixtures.ts';
import {
  callsOf,
  development,
  directoryStores,
  healthyService,
  jobFor,
  openComposer,
  type Options,
} from './harness.tsx';

useFixedLayout();

const step = (name: RegExp) =>
  fireEvent.click(
    within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('button', { name }),
  );

/** Audio chosen, every store, now: the composer on its check step with a plan. */
async function readyToSend(options: Options = {}) {
  const bridge = await openComposer(options);
  fireEvent.click(screen.getByRole('radio', { name: /Opening hours/ }));
  step(/Who/);
  fireEvent.click(screen.getByRole('radio', { name: /^Every store/ }));
  step(/Check/);
  await waitFor(() =>
    expect(screen.getByTestId('composer-forecast').textContent).toMatch(/requests; starts now/),
  );
  return bridge;
}

const sendButton = () => screen.getByRole('button', { name: /^Send to \d+ stores?/ });
const tomorrow = () => pcDate(Date.now() + 86_400_000);
const passedTokyo = [{ timeZone: 'Asia/Tokyo', stores: 1, scheduleAt: '2026-12-05T00:00:00.000Z' }];

describe('the check step', () => {
  it('summarizes what, who, when and how, with the forecast, Musique’s health and the environment', async () => {
    await readyToSend();
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Opening hours')).toBeTruthy();
    expect(within(summary).getByText('4 stores in 3 time zones; 1 test store')).toBeTruthy();
    expect(within(summary).getByTestId('composer-when').textContent).toBe('Now');
    expect(within(summary).getByText('Normal priority, plays 1×, volume 80')).toBeTruthy();
    expect(screen.getByTestId('composer-forecast').textContent).toBe(
      '1 requests; starts now; done in under a minute',
    );
    await waitFor(() =>
      expect(screen.getByTestId('composer-health').textContent).toBe(
        'Service healthy; messaging healthy',
      ),
    );
    expect(screen.getAllByTestId('environment-badge').map((badge) => badge.textContent)).toContain(
      'Production',
    );
  });

  it('asks on a production token to type the store count: a wrong count keeps Send disabled', async () => {
    const bridge = await readyToSend();
    const user = userEvent.setup();
    await user.click(sendButton());
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Send to 4 stores in Production?',
    });
    expect(
      within(dialog).getByText(
        '“Opening hours” goes to 4 stores in 3 time zones; 1 test store. It plays now. This cannot be undone once the stores have it.',
      ),
    ).toBeTruthy();
    expect(within(dialog).getByText(/This is a production token/)).toBeTruthy();
    const typed = within(dialog).getByRole('textbox', { name: 'Type 4 to confirm' });
    await waitFor(() => expect(document.activeElement).toBe(typed));
    const send = within(dialog).getByRole('button', { name: 'Send' });
    await user.type(typed, '3');
    expect((send as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByText('That is not the store count.')).toBeTruthy();
    await user.type(typed, '{Enter}');
    expect(callsOf(bridge, 'broadcast.start')).toEqual([]);
    await user.clear(typed);
    await user.type(typed, '4');
    expect((send as HTMLButtonElement).disabled).toBe(false);
    await user.click(send);
    await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
    expect(callsOf(bridge, 'broadcast.start')[0]!.externalIds).toEqual(
      directoryStores.map((s) => s.externalId),
    );
    // The live view of the job takes over.
    await waitFor(() => expect(useBroadcast.getState().tab).toBe('jobs'));
    expect(useBroadcast.getState().focusedJobId).toBe('job_1');
  });

  it('confirms more than one store on a development token with the count and environment', async () => {
    const bridge = await readyToSend({ who: development() });
    fireEvent.click(sendButton());
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Send to 4 stores in Development?',
    });
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
  });

  it('sends one store on a development token with healthy messaging without asking', async () => {
    const bridge = await openComposer({ who: development() });
    fireEvent.click(screen.getByRole('radio', { name: /Opening hours/ }));
    step(/Who/);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Add a store' }), {
      target: { value: 'br_002' },
    });
    fireEvent.click(screen.getByRole('button', { name: /^Add br_002/ }));
    step(/Check/);
    await waitFor(() =>
      expect(screen.getByTestId('composer-forecast').textContent).toMatch(/starts now/),
    );
    await waitFor(() =>
      expect(screen.getByTestId('composer-health').textContent).toMatch(/messaging healthy/),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send to 1 store' }));
    await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks again, explicitly, when messaging is not healthy', async () => {
    const bridge = await readyToSend({
      who: development(),
      overrides: { 'musique.serviceStatus': () => healthyService('degraded') },
    });
    await waitFor(() =>
      expect(screen.getByTestId('composer-health').textContent).toMatch(/messaging degraded/),
    );
    fireEvent.click(sendButton());
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByText(
        'Musique reports messaging as degraded: deliveries may be late or lost.',
      ),
    ).toBeTruthy();
    const send = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Send' });
    expect(send.disabled).toBe(true);
    fireEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Send even though messaging is degraded' }),
    );
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
  });

  it('explains why a token without audio.send cannot send, with no Send button', async () => {
    await readyToSend({ who: account({ permissions: ['audio.read', 'audio.write'] }) });
    expect(screen.queryByRole('button', { name: /^Send to/ })).toBeNull();
    expect(
      screen.getByText(/This token cannot send: it lacks the audio.send permission/),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open Settings → Musique' })).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: /^Send a test/ }).disabled).toBe(
      true,
    );
  });

  it('shows a failed start with what happened, what to do and the request ID', async () => {
    await readyToSend({
      who: development(),
      start: () => ({
        ok: false,
        error: {
          code: 'upstream_unavailable',
          message: 'Musique did not accept the send.',
          action: 'Try again in a minute.',
          requestId: 'req_9f8e7d',
        },
      }),
    });
    fireEvent.click(sendButton());
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Send' }),
    );
    const notice = await screen.findByText('Musique did not accept the send.');
    const alert = notice.closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText('Try again in a minute.')).toBeTruthy();
    expect(within(alert).getByText(/req_9f8e7d/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
    expect(useBroadcast.getState().tab).toBe('compose');
  });

  it('sends with Ctrl+Enter from the check step, through the same confirmation', async () => {
    const bridge = await readyToSend();
    const user = userEvent.setup();
    sendButton().focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('alertdialog', { name: /Send to 4 stores/ });
    await user.keyboard('4');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
    await waitFor(() => expect(dialog.isConnected).toBe(false));
  });
});

describe('test sends', () => {
  it('sends now to the chosen test store, marked as a test, and offers to follow it', async () => {
    const bridge = await readyToSend({
      start: (args: BroadcastRequestArgs) => jobFor(args, 'job_test1'),
    });
    const picker = screen.getByRole('combobox', { name: 'Test store' });
    expect((picker as HTMLSelectElement).value).toBe('br_001');
    fireEvent.click(screen.getByRole('button', { name: 'Send a test to br_001' }));
    expect(await screen.findByText(/Test sent to br_001 \(job job_test1\)/)).toBeTruthy();
    expect(callsOf(bridge, 'broadcast.start')).toEqual([
      {
        audioId: 'a1',
        audioName: 'Opening hours',
        externalIds: ['br_001'],
        schedule: { kind: 'now' },
        options: { priority: 'normal', repeat: 1, volume: 80 },
        test: true,
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Follow the test' }));
    expect(useBroadcast.getState().focusedJobId).toBe('job_test1');
  });

  it('says how to get a test store when the directory has none', async () => {
    await readyToSend({ stores: directoryStores.map((s) => ({ ...s, testStore: false })) });
    expect(screen.getByText(/No test store in the directory/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Send a test/ })).toBeNull();
  });
});

describe('local times that have passed in some zones', () => {
  async function localNine(options: Options = {}, somePassed = true) {
    const bridge = await readyToSend({
      who: development(),
      plan: { passed: passedTokyo },
      ...options,
    });
    step(/When/);
    fireEvent.click(screen.getByRole('radio', { name: /At a local time/ }));
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: tomorrow() } });
    fireEvent.change(screen.getByLabelText('Time in each store’s zone'), {
      target: { value: '09:00' },
    });
    expect(
      screen.getByText(/a time that happens twice \(clocks go back\) means the first one/),
    ).toBeTruthy();
    if (!somePassed) return bridge;
    await screen.findByRole('heading', { name: '09:00 has already passed in 1 time zone' });
    expect(screen.getByText(/^Asia\/Tokyo: 1 store; it was .+ there$/)).toBeTruthy();
    return bridge;
  }

  it('will not send until a choice is made for the passed zones', async () => {
    const bridge = await localNine();
    step(/Check/);
    expect(
      within(screen.getByLabelText('Still to do')).getByText(
        'Choose what to do with the stores where the time has passed.',
      ),
    ).toBeTruthy();
    fireEvent.click(sendButton());
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(callsOf(bridge, 'broadcast.start')).toEqual([]);
  });

  for (const [choice, label, line] of [
    ['now', 'Send to those stores now', /Asia\/Tokyo: .+ — 1 store \(time had passed: sent now\)/],
    [
      'nextDay',
      'Move them to the same time the next day',
      /Asia\/Tokyo: .+ \(time had passed: the next day\)/,
    ],
    ['skip', 'Leave them out', /^1 store left out \(time had passed\)\.$/],
  ] as const) {
    it(`sends with “${label}” and shows it in the plan`, async () => {
      const bridge = await localNine();
      fireEvent.click(screen.getByRole('radio', { name: label }));
      await waitFor(() =>
        expect(callsOf(bridge, 'broadcast.plan').at(-1)!.schedule).toEqual({
          kind: 'local',
          localTime: `${tomorrow()}T09:00`,
          ifPassed: choice,
        }),
      );
      step(/Check/);
      expect(await screen.findByText(line)).toBeTruthy();
      const stores = choice === 'skip' ? 3 : 4;
      fireEvent.click(await screen.findByRole('button', { name: `Send to ${stores} stores` }));
      fireEvent.click(
        within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Send' }),
      );
      await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
      expect(callsOf(bridge, 'broadcast.start')[0]!.schedule).toMatchObject({ ifPassed: choice });
    });
  }

  it('warns, with the list, when stores are closed at their play time', async () => {
    await localNine(
      {
        plan: {
          passed: [],
          outsideHours: {
            count: 2,
            stores: [
              {
                externalId: 'pt_001',
                timeZone: 'Europe/Lisbon',
                playsAt: '2030-01-01T09:00',
                hours: 'tue 10:00-22:00',
              },
            ],
          },
        },
      },
      false,
    );
    const warning = await screen.findByRole('note', {
      name: '2 stores are closed at their play time',
    });
    expect(
      within(warning).getByText(
        'pt_001 (Europe/Lisbon): plays Jan 1, 2030, 9:00 AM; open tue 10:00-22:00',
      ),
    ).toBeTruthy();
    expect(within(warning).getByText('and 1 more')).toBeTruthy();
    step(/Check/);
    expect(
      screen.getByRole('note', { name: '2 stores are closed at their play time' }),
    ).toBeTruthy();
  });
});

describe('keyboard', () => {
  it('goes from the first step to a sent broadcast with the keyboard alone', async () => {
    const bridge = await openComposer({ who: development() });
    const user = userEvent.setup();
    const tabTo = async (matches: (el: Element) => boolean) => {
      for (let i = 0; i < 40 && !matches(document.activeElement!); i++) await user.tab();
      expect(matches(document.activeElement!)).toBe(true);
    };
    const isNext = (el: Element) => el.textContent === 'Next';
    await tabTo((el) => el.getAttribute('type') === 'search');
    await user.keyboard('opening');
    await user.tab();
    await user.keyboard(' ');
    expect(screen.getByText('Chosen: Opening hours')).toBeTruthy();
    await tabTo(isNext);
    await user.keyboard('{Enter}');
    expect(document.activeElement?.textContent).toBe('Who receives it');
    await user.tab();
    await user.keyboard('{ArrowUp}');
    expect(screen.getAllByText('4 stores in 3 time zones; 1 test store').length).toBeGreaterThan(0);
    for (const heading of ['When it plays', 'How it plays', 'Check and send']) {
      await tabTo(isNext);
      await user.keyboard('{Enter}');
      expect(document.activeElement?.textContent).toBe(heading);
    }
    await waitFor(() =>
      expect(screen.getByTestId('composer-forecast').textContent).toMatch(/starts now/),
    );
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Send to 4 stores in Development?',
    });
    await tabTo((el) => el.textContent === 'Send' && dialog.contains(el));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(callsOf(bridge, 'broadcast.start')).toHaveLength(1));
  });
});
