/**
 * What the live job view, the global indicator and the notifications show of a job: plain
 * functions over `BroadcastJob`, tested without React.
 */
import { localToUtc, nextDayLocal } from '../../../../src-preload/contract/schemas/local-time.ts';
import type {
  BroadcastJob,
  FailureFacts,
  StoreStatus,
} from '../../../../src-preload/contract/schemas/broadcast.ts';

/** A job still needs the app: it is sending, waiting, paused, or waits for a decision. */
export const isOpen = (job: BroadcastJob): boolean => job.phase !== 'done';

/** The unknown chunks still waiting for the user (not left as unknown). */
export const openQuestions = (job: BroadcastJob) =>
  job.unknown.filter((question) => !question.left);

/** Jobs that need the user before they can go on (the indicator and notifications say so). */
export const needsDecision = (job: BroadcastJob): boolean =>
  (job.phase === 'needs-attention' && openQuestions(job).length > 0) ||
  job.phase === 'stopped' ||
  (job.phase === 'paused' && job.pauseReason !== undefined);

/** Jobs the global indicator shows: still sending, waiting or paused, or needing a decision. */
export const inIndicator = (job: BroadcastJob): boolean =>
  job.phase === 'running' || job.phase === 'paused' || needsDecision(job);

/** Jobs in progress first (newest first), then finished ones, most recently finished first. */
export function sortJobs(jobs: readonly BroadcastJob[]): BroadcastJob[] {
  const finished = (job: BroadcastJob) => job.finishedAt ?? job.updatedAt;
  return [...jobs].sort((a, b) => {
    if (isOpen(a) !== isOpen(b)) return isOpen(a) ? -1 : 1;
    return isOpen(a)
      ? b.createdAt.localeCompare(a.createdAt)
      : finished(b).localeCompare(finished(a));
  });
}

/** Stores whose request has been answered one way or another (the bar's filled part). */
export function settled(job: BroadcastJob): number {
  const { total, pending, inFlight } = job.counts;
  return Math.max(0, total - pending - inFlight);
}

export function progressOf(job: BroadcastJob): number {
  return job.counts.total === 0 ? 1 : settled(job) / job.counts.total;
}

/** The statuses the counts show (a request in flight counts as pending). */
export type CountStatus = Exclude<StoreStatus, 'in-flight'>;

/** One line per status, in the order the view lists them, with how many stores have it. */
export function countLines(job: BroadcastJob): Array<{ status: CountStatus; count: number }> {
  const { sent, failed, unknown, pending, inFlight, cancelled } = job.counts;
  return [
    { status: 'sent', count: sent },
    { status: 'failed', count: failed },
    { status: 'unknown', count: unknown },
    { status: 'pending', count: pending + inFlight },
    { status: 'cancelled', count: cancelled },
  ];
}

/**
 * What the job is doing, as one word the view translates: a wait for quota is its own state
 * (not a failure), a pause by the engine differs from one the user asked for.
 */
export type JobState =
  | 'running'
  | 'waiting'
  | 'paused-by-user'
  | 'paused-by-engine'
  | 'needs-attention'
  | 'stopped'
  | 'done'
  | 'done-with-failures'
  | 'cancelled';

export function stateOf(job: BroadcastJob): JobState {
  switch (job.phase) {
    case 'running':
      return job.waiting ? 'waiting' : 'running';
    case 'paused':
      return job.pauseReason ? 'paused-by-engine' : 'paused-by-user';
    case 'needs-attention':
      return 'needs-attention';
    case 'stopped':
      return 'stopped';
    case 'done':
      if (job.counts.failed > 0) return 'done-with-failures';
      if (job.counts.cancelled > 0 && job.counts.sent === 0) return 'cancelled';
      return 'done';
  }
}

/** Hours and minutes, with seconds for the short waits (a minute window or a Retry-After). */
export function clockTime(ms: number, withSeconds = false): string {
  return new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
}

/** "14:00" and which limit the job waits for, or undefined when it is not waiting. */
export function waitOf(
  job: BroadcastJob,
): { at: string; window: NonNullable<BroadcastJob['waiting']>['window'] } | undefined {
  if (!job.waiting || job.phase !== 'running') return undefined;
  const { window, resumesAt } = job.waiting;
  return { at: clockTime(resumesAt, window === 'minute' || window === 'retryAfter'), window };
}

/** The pause reasons the engine gives, by what the user can do about each. */
export type ReasonKind = 'token' | 'permission' | 'audio' | 'connection' | 'other';

export function reasonKind(reason: FailureFacts): ReasonKind {
  switch (reason.code) {
    case 'invalid_token':
    case 'token_revoked':
    case 'not_connected':
    case 'no_account':
      return 'token';
    case 'insufficient_permissions':
      return 'permission';
    case 'not_found':
    case 'audio_not_found':
      return 'audio';
    case 'network':
    case 'unreachable':
    case 'service_unavailable':
      return 'connection';
    default:
      return reason.status === 401 ? 'token' : reason.status === 403 ? 'permission' : 'other';
  }
}

/** The actions that make sense for a job now; the view shows only these. */
export interface JobActions {
  pause: boolean;
  resume: boolean;
  cancel: boolean;
  retryFailed: boolean;
  resolveUnknown: boolean;
}

export function actionsOf(job: BroadcastJob): JobActions {
  const unsent = job.counts.pending + job.counts.inFlight;
  return {
    pause: job.phase === 'running',
    resume: job.phase === 'paused' || job.phase === 'stopped',
    cancel: unsent > 0,
    retryFailed: job.counts.failed > 0 && job.phase !== 'stopped',
    resolveUnknown: job.unknown.length > 0,
  };
}

/** What the job is called in lists: the audio's name, else its ID. */
export const jobTitle = (job: BroadcastJob): string => job.audioName ?? job.audioId;

/**
 * The next instant a store of this job plays its announcement, after `now`: known for a send
 * at one time; a send at a local time plays at `localTime` in each zone given.
 */
export function nextPlayAt(
  job: BroadcastJob,
  now: number,
  zones: readonly string[] = [],
): number | undefined {
  const { schedule } = job;
  if (schedule.kind === 'now') return undefined;
  if (schedule.kind === 'at') {
    const at = Date.parse(schedule.at);
    return at > now ? at : undefined;
  }
  const { localTime, ifPassed } = schedule;
  const instants = zones.flatMap((zone) => {
    const at = localToUtc(localTime, zone).utcMs;
    if (at > now) return [at];
    // Moved to the next day: the same wall-clock time there, by the same daylight-saving rule.
    const next = ifPassed === 'nextDay' ? localToUtc(nextDayLocal(localTime), zone).utcMs : 0;
    return next > now ? [next] : [];
  });
  return instants.length ? Math.min(...instants) : undefined;
}
