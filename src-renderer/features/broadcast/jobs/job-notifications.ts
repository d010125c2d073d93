/**
 * OS notifications for broadcast jobs: one when a job ends or needs a decision, once per job and
 * state. The web `Notification` API is what Electron shows as a system notification; where it
 * is missing or denied nothing is shown and nothing throws.
 */
import i18next from 'i18next';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { jobTitle, stateOf, type JobState } from './job-view-model.ts';

/** The states worth interrupting someone for. */
const noticeStates = new Set<JobState>([
  'done',
  'done-with-failures',
  'cancelled',
  'paused-by-engine',
  'needs-attention',
  'stopped',
]);

export interface JobNotice {
  /** Job and state: a notice with the same key is never shown twice. */
  key: string;
  title: string;
  body: string;
}

/** The notice a job's current state deserves, if any. */
export function noticeFor(job: BroadcastJob): JobNotice | undefined {
  const state = stateOf(job);
  if (!noticeStates.has(state)) return undefined;
  const { sent, failed, unknown, total } = job.counts;
  const title = i18next.t(`jobs:notice.${state as NoticeState}`, { audio: jobTitle(job) });
  const body = i18next.t('jobs:notice.body', {
    sent: sent.toLocaleString(),
    total: total.toLocaleString(),
    failed: failed.toLocaleString(),
    unknown: unknown.toLocaleString(),
  });
  return { key: `${job.id}:${state}`, title, body };
}

type NoticeState =
  'done' | 'done-with-failures' | 'cancelled' | 'paused-by-engine' | 'needs-attention' | 'stopped';

/** The part of the web API this module uses (tests pass a fake). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((event: Event) => void) | null };
}

/** `window.Notification`, or undefined where the runtime has none. */
export function systemNotifications(): NotificationApi | undefined {
  const candidate = (globalThis as { Notification?: NotificationApi }).Notification;
  return typeof candidate === 'function' ? candidate : undefined;
}

export interface JobNotifier {
  /** Jobs already known when the app starts: their current state is not news. */
  seed(jobs: readonly BroadcastJob[]): void;
  /** A job changed: shows its notice when its state deserves one not shown before. */
  changed(job: BroadcastJob): void;
}

export function createJobNotifier(deps: {
  notifications: () => NotificationApi | undefined;
  /** Opens the job in the app (the notice was clicked). */
  open: (jobId: string) => void;
}): JobNotifier {
  const shown = new Set<string>();
  return {
    seed(jobs) {
      for (const job of jobs) {
        const notice = noticeFor(job);
        if (notice) shown.add(notice.key);
      }
    },
    changed(job) {
      const notice = noticeFor(job);
      if (!notice || shown.has(notice.key)) return;
      shown.add(notice.key);
      const Api = deps.notifications();
      if (!Api || Api.permission !== 'granted') return;
      try {
        const shownNotice = new Api(notice.title, { body: notice.body, tag: notice.key });
        shownNotice.onclick = () => {
          window.focus();
          deps.open(job.id);
        };
      } catch {
        // Some runtimes have the constructor but refuse it (service-worker only): no notice.
      }
    },
  };
}

const askedKey = 'aislecast.jobs.notificationsAsked';

/** True while it makes sense to offer notifications: supported, not decided, not declined here. */
export function shouldOfferNotifications(api = systemNotifications()): boolean {
  if (!api || api.permission !== 'default') return false;
  try {
    return localStorage.getItem(askedKey) === null;
  } catch {
    return true;
  }
}

/** The user answered the offer (either way): it is not shown again. */
export function rememberNotificationOffer(): void {
  try {
    localStorage.setItem(askedKey, 'yes');
  } catch {
    // Storage refused: the offer may show again next time, which is harmless.
  }
}

/** Asks the system for permission (after the user chose to); never throws. */
export async function requestNotifications(
  api = systemNotifications(),
): Promise<NotificationPermission> {
  rememberNotificationOffer();
  if (!api) return 'denied';
  try {
    return await api.requestPermission();
  } catch {
    return 'denied';
  }
}
