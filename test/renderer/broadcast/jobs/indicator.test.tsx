import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../../src-renderer/app/App.tsx';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { JobIndicator } from '../../../../src-renderer/features/broadcast/jobs/JobIndicator.tsx';
import { useJobs } from '../../../../src-renderer/features/broadcast/jobs/jobs-store.ts';
import { useNavigation } from '../../../../src-renderer/lib/navigation-store.ts';
import { installFakeBridge } from '../../support/fake-bridge.ts';
import { useFixedLayout } from '../../support/layout.ts';
import { broadcastHandlers } from '../../musique/fixtures.ts';
import { counts, job, resetAll, unknownChunk } from './fixtures.ts';

beforeEach(() => {
  resetAll();
  installFakeBridge({});
  useNavigation.getState().go('library');
});

useFixedLayout();

const region = () => screen.queryByRole('region', { name: 'Broadcasts in progress' });

describe('the global progress indicator', () => {
  it('is absent while no job runs, and shows "Sending 312 of 412" with a labelled bar while one does', () => {
    render(<JobIndicator />);
    expect(region()).toBeNull();
    act(() => useJobs.getState().apply(job({ phase: 'done', counts: counts({ sent: 9 }) })));
    expect(region()).toBeNull();

    act(() => useJobs.getState().apply(job({ id: 'job_live' })));
    const shown = region()!;
    expect(within(shown).getByRole('button').textContent).toContain('Sending 312 of 412');
    const bar = within(shown).getByRole('progressbar', { name: 'Progress of Spring sale' });
    expect(bar.getAttribute('aria-valuenow')).toBe('76');
    expect(within(shown).getByRole('status').textContent).toBe('Sending: Spring sale');

    act(() =>
      useJobs
        .getState()
        .apply(job({ id: 'job_live', phase: 'done', counts: counts({ sent: 412 }) })),
    );
    expect(region()).toBeNull();
  });

  it('puts the job that needs a decision first and opens it with Enter', async () => {
    render(<JobIndicator />);
    act(() => {
      useJobs.getState().apply(job({ id: 'job_live' }));
      useJobs.getState().apply(
        job({
          id: 'job_ask',
          audioName: 'Store closing',
          phase: 'needs-attention',
          counts: counts({ sent: 300, unknown: 100 }),
          unknown: [unknownChunk(3)],
        }),
      );
    });
    const button = within(region()!).getByRole('button');
    expect(button.textContent).toContain('Needs a decision');
    expect(button.textContent).toContain('Store closing');
    expect(button.textContent).toContain('and 1 more');
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(useNavigation.getState().section).toBe('broadcast');
    expect(useBroadcast.getState()).toMatchObject({ tab: 'jobs', focusedJobId: 'job_ask' });
  });

  it('stops asking once every unknown chunk was left as unknown', () => {
    render(<JobIndicator />);
    act(() =>
      useJobs.getState().apply(
        job({
          phase: 'needs-attention',
          counts: counts({ sent: 300, unknown: 100 }),
          unknown: [unknownChunk(3)],
        }),
      ),
    );
    expect(region()).not.toBeNull();
    // Main's answer once the user left it unknown: done, the chunk marked left.
    act(() =>
      useJobs.getState().apply(
        job({
          phase: 'done',
          counts: counts({ sent: 300, unknown: 100 }),
          unknown: [{ ...unknownChunk(3), left: true }],
        }),
      ),
    );
    expect(region()).toBeNull();
  });

  it('says a quota wait and a pause by the engine in its words', () => {
    render(<JobIndicator />);
    act(() =>
      useJobs
        .getState()
        .apply(job({ waiting: { window: 'minute', resumesAt: Date.now() + 30_000 } })),
    );
    expect(within(region()!).getByRole('button').textContent).toContain(
      'Waiting for quota — 312 of 412',
    );
    act(() =>
      useJobs
        .getState()
        .apply(
          job({ phase: 'paused', pauseReason: { code: 'invalid_token', message: 'refused' } }),
        ),
    );
    expect(within(region()!).getByRole('button').textContent).toContain('Paused — needs you');
  });
});

describe('the indicator in the app shell', () => {
  it('appears in the sidebar on any section as main pushes progress, and opens the job', async () => {
    const bridge = installFakeBridge(
      broadcastHandlers([], {
        'broadcast.jobs': () => [],
        'broadcast.rows': () => ({ rows: [], total: 0 }),
      }),
    );
    render(<App />);
    await waitFor(() => expect(useJobs.getState().loaded).toBe(true));
    expect(region()).toBeNull();
    act(() => bridge.emit('broadcast.jobChanged', job()));
    const button = within(region()!).getByRole('button');
    expect(button.textContent).toContain('Sending 312 of 412');
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Broadcast'),
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Spring sale' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Sending' }).getAttribute('aria-selected')).toBe('true');
  });
});
