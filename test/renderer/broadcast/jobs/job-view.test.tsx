import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BroadcastJob, StoreRow } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { JobsView } from '../../../../src-renderer/features/broadcast/jobs/JobsView.tsx';
import { clockTime } from '../../../../src-renderer/features/broadcast/jobs/job-view-model.ts';
import {
  subscribeJobs,
  useJobs,
} from '../../../../src-renderer/features/broadcast/jobs/jobs-store.ts';
import { useNavigation } from '../../../../src-renderer/lib/navigation-store.ts';
import { installFakeBridge, type FakeHandlers } from '../../support/fake-bridge.ts';
import { counts, job, resetAll, row, unknownChunk } from './fixtures.ts';

beforeEach(resetAll);

interface Control {
  jobId: string;
  action: string;
  chunks?: number[];
}

/** The job view over a fake main that knows `jobs` and answers actions with `after`. */
async function show(jobs: BroadcastJob[], extra: FakeHandlers = {}, rows: StoreRow[] = []) {
  const controls: Control[] = [];
  const bridge = installFakeBridge({
    'broadcast.jobs': () => jobs,
    'broadcast.rows': () => ({ rows, total: rows.length }),
    'broadcast.control': (args) => {
      const control = args as Control;
      controls.push(control);
      return jobs.find((candidate) => candidate.id === control.jobId)!;
    },
    ...extra,
  });
  await useJobs.getState().load();
  render(<JobsView />);
  return { bridge, controls };
}

describe('the live job view', () => {
  it('shows a running job: counts, a labelled bar and pause with its consequence', async () => {
    const { controls } = await show([job()], {}, [
      row('store_0001'),
      row('store_0002', { status: 'failed', reason: 'Musique does not know this External ID' }),
    ]);
    expect(screen.getByTestId('job-state').dataset.state).toBe('running');
    expect(screen.getByTestId('count-sent').textContent).toBe('312');
    expect(screen.getByTestId('count-pending').textContent).toBe('100');
    const bar = screen.getByRole('progressbar', { name: 'Progress of Spring sale' });
    expect(bar.getAttribute('aria-valuenow')).toBe('76');
    expect(bar.getAttribute('aria-valuetext')).toBe('312 of 412 stores');
    expect(await screen.findByText('Musique does not know this External ID')).toBeTruthy();
    expect(screen.getByText('req_store_0002')).toBeTruthy();

    const pause = screen.getByRole('button', { name: 'Pause' });
    expect(pause.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(pause.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /nothing already sent is undone/,
    );
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
    fireEvent.click(pause);
    await waitFor(() => expect(controls).toEqual([{ jobId: 'job_spring', action: 'pause' }]));
  });

  it('shows a quota wait as a wait with the time it resumes, not as a failure', async () => {
    const resumesAt = Date.UTC(2026, 2, 1, 14, 0, 0);
    await show([job({ waiting: { window: 'hour', resumesAt } })]);
    const state = screen.getByTestId('job-state');
    expect(state.dataset.state).toBe('waiting');
    expect(state.textContent).toContain(`Resumes at ${clockTime(resumesAt)} — hourly quota`);
    expect(state.textContent).toContain('This is a wait, not a failure');
  });

  it('says a Retry-After wait in the same way, to the second', async () => {
    const resumesAt = Date.UTC(2026, 2, 1, 14, 0, 30);
    await show([job({ waiting: { window: 'retryAfter', resumesAt } })]);
    expect(screen.getByTestId('job-state').textContent).toContain(
      `Resumes at ${clockTime(resumesAt, true)} — Musique asked to wait (Retry-After)`,
    );
  });

  it('offers resume for a job the user paused', async () => {
    const { controls } = await show([job({ phase: 'paused' })]);
    expect(screen.getByTestId('job-state').dataset.state).toBe('paused-by-user');
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(controls[0]?.action).toBe('resume'));
  });

  it('explains a pause by the engine in plain words, with the reference and where to fix it', async () => {
    await show([
      job({
        phase: 'paused',
        pauseReason: {
          code: 'invalid_token',
          message: 'Musique refused the token',
          status: 401,
          requestId: 'req_401',
        },
      }),
    ]);
    const state = screen.getByTestId('job-state');
    expect(state.dataset.state).toBe('paused-by-engine');
    expect(state.textContent).toContain(
      'Aislecast paused this broadcast: Musique refused the token',
    );
    expect(state.textContent).toContain(
      'Connect a valid token in Settings › Musique, then resume.',
    );
    expect(within(state).getByText('req_401')).toBeTruthy();
    fireEvent.click(within(state).getByRole('button', { name: 'Open Musique settings' }));
    expect(useNavigation.getState()).toMatchObject({ section: 'settings', page: 'musique' });
  });

  it('asks about each unknown chunk: resend after a confirmation, or leave it unknown', async () => {
    const attention = job({
      phase: 'needs-attention',
      counts: counts({ sent: 212, unknown: 200 }),
      unknown: [unknownChunk(2), unknownChunk(3)],
    });
    const { controls } = await show([attention]);
    expect(screen.getByTestId('job-state').dataset.state).toBe('needs-attention');
    const items = screen.getAllByRole('listitem').filter((item) => item.dataset.chunk);
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('request ID req_u2; resend these 100 stores?');

    fireEvent.click(within(items[0]!).getByRole('button', { name: 'Resend these 100 stores' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Resend 100 stores?' });
    expect(dialog.textContent).toContain('will play “Spring sale” twice');
    expect(controls).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resend 100 stores' }));
    await waitFor(() =>
      expect(controls).toEqual([{ jobId: 'job_spring', action: 'resendUnknown', chunks: [2] }]),
    );

    fireEvent.click(within(items[1]!).getByRole('button', { name: 'Leave as unknown' }));
    await waitFor(() =>
      expect(controls.at(-1)).toEqual({
        jobId: 'job_spring',
        action: 'leaveUnknown',
        chunks: [3],
      }),
    );
    // Main remembers the choice and pushes the job with that chunk marked.
    act(() =>
      useJobs.getState().apply({
        ...attention,
        unknown: [unknownChunk(2), { ...unknownChunk(3), left: true }],
      }),
    );
    const marked = screen.getAllByRole('listitem').filter((item) => item.dataset.chunk === '3');
    expect(within(marked[0]!).getByText(/Left as unknown/)).toBeTruthy();
    expect(within(marked[0]!).queryByRole('button', { name: 'Leave as unknown' })).toBeNull();
  });

  it('says why a job stopped and that nothing unrecorded was sent', async () => {
    await show([
      job({
        phase: 'stopped',
        stopped: { code: 'disk_full', message: 'The disk is full' },
      }),
    ]);
    const state = screen.getByTestId('job-state');
    expect(state.dataset.state).toBe('stopped');
    expect(state.textContent).toContain('Stopped: The disk is full');
    expect(state.textContent).toContain('Nothing that could not be recorded was sent');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('offers retry failed for a job done with failures', async () => {
    const { controls } = await show([
      job({
        phase: 'done',
        counts: counts({ sent: 400, failed: 12 }),
        finishedAt: '2026-03-01T09:01:00.000Z',
      }),
    ]);
    expect(screen.getByTestId('job-state').dataset.state).toBe('done-with-failures');
    expect(screen.queryByRole('button', { name: 'Cancel the rest' })).toBeNull();
    const retry = screen.getByRole('button', { name: 'Retry failed' });
    expect(document.getElementById(retry.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Sends the 12 failed stores again; stores already sent are not sent twice.',
    );
    fireEvent.click(retry);
    await waitFor(() => expect(controls[0]?.action).toBe('retryFailed'));
  });

  it('cancels the rest only after a confirmation that says what stays sent', async () => {
    const { controls } = await show([
      job({ counts: counts({ sent: 312, pending: 90, inFlight: 10 }) }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the rest' }));
    let dialog = await screen.findByRole('alertdialog', {
      name: 'Cancel the rest of this broadcast?',
    });
    expect(dialog.textContent).toContain('100 stores that have not been sent to yet');
    expect(dialog.textContent).toContain('The 312 stores it already reached keep it');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep sending' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(controls).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel the rest' }));
    dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel 100 stores' }));
    await waitFor(() => expect(controls).toEqual([{ jobId: 'job_spring', action: 'cancel' }]));
  });

  it('shows what main refused when an action fails, with its reference', async () => {
    await show([job()], {
      'broadcast.control': () => ({
        ok: false,
        error: {
          code: 'journal_unwritable',
          service: 'app',
          message: 'Aislecast could not record this on disk.',
          action: 'Free some disk space and try again.',
          requestId: 'loc_42',
        },
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(await screen.findByText('Aislecast could not record this on disk.')).toBeTruthy();
    expect(screen.getByText(/loc_42/)).toBeTruthy();
  });

  it('pages through the stores and filters them by status', async () => {
    const asked: unknown[] = [];
    const all = Array.from({ length: 120 }, (_, i) =>
      row(`store_${String(i + 1).padStart(4, '0')}`),
    );
    await show([job()], {
      'broadcast.rows': (args) => {
        asked.push(args);
        const { offset, limit, status } = args as {
          offset: number;
          limit: number;
          status?: string;
        };
        const matching = status ? all.filter((r) => r.status === status) : all;
        return { rows: matching.slice(offset, offset + limit), total: matching.length };
      },
    });
    expect(await screen.findByText('1–50 of 120')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('51–100 of 120')).toBeTruthy();
    expect(screen.getByText('store_0051')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'failed' } });
    expect(await screen.findByText('No stores with this status.')).toBeTruthy();
    expect(asked.at(-1)).toEqual({ jobId: 'job_spring', offset: 0, limit: 50, status: 'failed' });
    expect(asked[1]).toEqual({ jobId: 'job_spring', offset: 50, limit: 50 });
  });

  it('follows pushed changes, and an answer older than a push does not undo it', async () => {
    let answer: (jobs: BroadcastJob[]) => void = () => undefined;
    const bridge = installFakeBridge({
      'broadcast.jobs': () => new Promise<BroadcastJob[]>((resolve) => (answer = resolve)),
      'broadcast.rows': () => ({ rows: [], total: 0 }),
    });
    const off = subscribeJobs();
    const loading = useJobs.getState().load();
    render(<JobsView />);
    act(() =>
      bridge.emit('broadcast.jobChanged', job({ counts: counts({ sent: 400, pending: 12 }) })),
    );
    expect(screen.getByTestId('count-sent').textContent).toBe('400');
    // The list was asked for before the push: its older figures must not win.
    await act(async () => {
      answer([job()]);
      await loading;
    });
    expect(screen.getByTestId('count-sent').textContent).toBe('400');
    off();
  });

  it('opens the job the composer focused, in-progress jobs listed before recent ones', async () => {
    const done = job({
      id: 'job_old',
      audioName: 'Closing time',
      phase: 'done',
      counts: counts({ sent: 10 }),
      createdAt: '2026-03-01T08:00:00.000Z',
      finishedAt: '2026-03-01T08:01:00.000Z',
    });
    useBroadcast.getState().openJob('job_old');
    await show([done, job()]);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Closing time');
    const list = screen.getByRole('navigation', { name: 'Broadcasts' });
    const items = within(list).getAllByRole('button');
    expect(items.map((item) => item.querySelector('.job-list__title')?.textContent)).toEqual([
      'Spring sale',
      'Closing time',
    ]);
    expect(items[1]!.getAttribute('aria-current')).toBe('true');
    fireEvent.click(items[0]!);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Spring sale');
  });
});

describe('a job opened before its first push', () => {
  it('asks main for the list and shows it', async () => {
    let listed: BroadcastJob[] = [];
    installFakeBridge({
      'broadcast.jobs': () => listed,
      'broadcast.rows': () => ({ rows: [], total: 0 }),
    });
    await useJobs.getState().load();
    listed = [job({ id: 'job_new', audioName: 'Just started' })];
    useBroadcast.getState().openJob('job_new');
    render(<JobsView />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Just started' })).toBeTruthy();
  });

  it('marks a job sent to the built-in demo, in the list and in its detail', async () => {
    await show([job({ sender: { host: 'http://127.0.0.1:4000', demo: true } })]);
    const list = screen.getByRole('navigation');
    expect(within(list).getByText(/^Demo · /)).toBeTruthy();
    const detail = screen.getByRole('article');
    expect(within(detail).getByText('Demo')).toBeTruthy();
  });
});
