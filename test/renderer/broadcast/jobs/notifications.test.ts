import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import {
  createJobNotifier,
  requestNotifications,
  shouldOfferNotifications,
  type NotificationApi,
} from '../../../../src-renderer/features/broadcast/jobs/job-notifications.ts';
import { startJobWatch } from '../../../../src-renderer/features/broadcast/jobs/job-watch.ts';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { useJobs } from '../../../../src-renderer/features/broadcast/jobs/jobs-store.ts';
import { installFakeBridge } from '../../support/fake-bridge.ts';
import { counts, job, resetAll, unknownChunk } from './fixtures.ts';

beforeEach(resetAll);

/** A `Notification` class that records what it was asked to show. */
function fakeNotifications(permission: NotificationPermission) {
  const shown: Array<{ title: string; body?: string; onclick: ((e: Event) => void) | null }> = [];
  const Api = class {
    static permission = permission;
    static requestPermission = vi.fn(() => Promise.resolve<NotificationPermission>('granted'));
    onclick: ((event: Event) => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push(Object.assign(this, { title, body: options?.body }));
    }
  };
  return { Api: Api as unknown as NotificationApi, shown };
}

const done = (patch: Partial<BroadcastJob> = {}) =>
  job({ phase: 'done', counts: counts({ sent: 400, failed: 12 }), ...patch });

describe('notifications when a job ends or needs a decision', () => {
  it('shows one per job and state, and its click opens the job', () => {
    const { Api, shown } = fakeNotifications('granted');
    const opened: string[] = [];
    const notifier = createJobNotifier({ notifications: () => Api, open: (id) => opened.push(id) });
    notifier.changed(job());
    expect(shown).toHaveLength(0);
    notifier.changed(done());
    notifier.changed(done({ updatedAt: '2026-03-01T09:02:00.000Z' }));
    expect(shown.map((n) => n.title)).toEqual(['“Spring sale” finished, with failures']);
    expect(shown[0]!.body).toBe('400 of 412 stores sent, 12 failed, 0 unknown.');

    notifier.changed(
      job({
        phase: 'needs-attention',
        counts: counts({ sent: 300, unknown: 100 }),
        unknown: [unknownChunk(1)],
      }),
    );
    notifier.changed(
      job({
        id: 'job_other',
        phase: 'paused',
        pauseReason: { code: 'insufficient_permissions', message: 'no audio.send' },
      }),
    );
    notifier.changed(
      job({ id: 'job_third', phase: 'stopped', stopped: { code: 'disk_full', message: 'full' } }),
    );
    expect(shown.map((n) => n.title)).toEqual([
      '“Spring sale” finished, with failures',
      '“Spring sale” needs a decision',
      '“Spring sale” is paused and needs you',
      '“Spring sale” stopped',
    ]);
    shown[1]!.onclick?.(new Event('click'));
    expect(opened).toEqual(['job_spring']);
  });

  it('shows nothing when permission is denied or not given, and nothing throws without the API', () => {
    for (const permission of ['denied', 'default'] as const) {
      const { Api, shown } = fakeNotifications(permission);
      createJobNotifier({ notifications: () => Api, open: () => undefined }).changed(done());
      expect(shown).toHaveLength(0);
    }
    const without = createJobNotifier({ notifications: () => undefined, open: () => undefined });
    expect(() => without.changed(done())).not.toThrow();
    expect(shouldOfferNotifications(undefined)).toBe(false);
  });

  it('does not announce what was already true when the app started', () => {
    const { Api, shown } = fakeNotifications('granted');
    const notifier = createJobNotifier({ notifications: () => Api, open: () => undefined });
    notifier.seed([done()]);
    notifier.changed(done());
    expect(shown).toHaveLength(0);
  });

  it('asks for permission once, and only after the user chose to', async () => {
    const { Api } = fakeNotifications('default');
    expect(shouldOfferNotifications(Api)).toBe(true);
    expect(await requestNotifications(Api)).toBe('granted');
    expect(Api.requestPermission).toHaveBeenCalledTimes(1);
    expect(shouldOfferNotifications(Api)).toBe(false);
    expect(await requestNotifications(undefined)).toBe('denied');
  });

  it('follows main from the app shell: a pushed end notifies and the click opens the job', async () => {
    const { Api, shown } = fakeNotifications('granted');
    const bridge = installFakeBridge({ 'broadcast.jobs': () => [done({ id: 'job_before' })] });
    const stop = startJobWatch(() => Api);
    await vi.waitFor(() => expect(useJobs.getState().loaded).toBe(true));
    // The seeding runs right after the list arrives.
    await new Promise((resolve) => setTimeout(resolve, 0));
    bridge.emit('broadcast.jobChanged', done({ id: 'job_before' }));
    expect(shown).toHaveLength(0);
    bridge.emit('broadcast.jobChanged', job({ id: 'job_new' }));
    bridge.emit('broadcast.jobChanged', done({ id: 'job_new', counts: counts({ sent: 412 }) }));
    expect(shown.map((n) => n.title)).toEqual(['“Spring sale” was sent']);
    shown[0]!.onclick?.(new Event('click'));
    expect(useBroadcast.getState()).toMatchObject({ tab: 'jobs', focusedJobId: 'job_new' });
    stop();
  });
});
