import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { TrackCheck } from '../../../src-preload/contract/schemas/player.ts';
import { problemOf, type EngineDeps, type PlaybackProblem } from './engine-state.ts';
import type { QueueEntry } from './queue.ts';

/** Consecutive unplayable tracks after which playback stops instead of racing on. */
export const maxFailuresInARow = 3;

/** What the policy needs from the engine. */
export interface FailureHost {
  deps: EngineDeps;
  current(): QueueEntry | undefined;
  /** Changes whenever another track (or the same one again) is loaded. */
  generation(): number;
  title(id: number): string;
  /** Loads the current track again at `position`, playing if playback is wanted. */
  reload(position: number): void;
  /** Moves past the current track. */
  skip(): void;
  halt(problem: PlaybackProblem): void;
  waiting(problem: PlaybackProblem): void;
}

export interface FailurePolicy {
  /** A track produced sound: the run of failures is over. */
  succeeded(): void;
  /**
   * The player gave up on the current track at `position` (`error`), or has waited there
   * without progress for too long (`stall`: a stream fine by now is simply reloaded).
   */
  failed(position: number, kind?: 'error' | 'stall'): Promise<void>;
  /** The network is back (or the user insists): retry a waiting track at once. */
  retryNow(): void;
  /** The user took over (pause, another track): stop waiting. */
  cancel(): void;
  isWaiting(): boolean;
}

/**
 * Decides what a failed track means. The audio element only says "error", so main is asked
 * (`stream.check`) why: gone or refused ⇒ skip with a toast naming the track and the reason;
 * streamable after all ⇒ one more try, then "cannot be decoded"; unreachable ⇒ wait for the
 * network and resume at the same place; signed out ⇒ stop, since every track would fail.
 */
export function createFailurePolicy(host: FailureHost): FailurePolicy {
  const { deps } = host;
  const { t } = deps;
  let failures = 0;
  let retriedUid: number | undefined;
  let waitingFor: { uid: number; position: number } | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const check = async (id: number): Promise<TrackCheck> => {
    try {
      return await deps.checkTrack(id);
    } catch (error) {
      const shape = (error as { shape?: ApiErrorShape }).shape;
      return {
        playable: false,
        reason: 'network',
        error: shape ?? { code: 'network_error', message: t('errors.unreachable') },
      };
    }
  };

  const skipTrack = (entry: QueueEntry, error: ApiErrorShape) => {
    failures++;
    const title = host.title(entry.id);
    const stopping = failures >= maxFailuresInARow;
    deps.notify({
      tone: 'error',
      title: t(stopping ? 'errors.cannotPlay' : 'errors.skipped', { title }),
      description: [error.message, error.action].filter(Boolean).join(' '),
      reference: error.requestId,
    });
    if (stopping) {
      failures = 0;
      host.halt({
        message: t('errors.stopped', { count: maxFailuresInARow, reason: error.message }),
        action: t('errors.stoppedAction'),
        reference: error.requestId,
      });
      return;
    }
    host.skip();
  };

  const stopWaiting = () => {
    clearTimeout(timer);
    timer = undefined;
    waitingFor = undefined;
    attempt = 0;
  };

  const handle = (
    entry: QueueEntry,
    position: number,
    result: TrackCheck,
    kind: 'error' | 'stall' = 'error',
  ) => {
    if (result.playable) {
      if (kind === 'stall') {
        host.reload(position);
        return;
      }
      if (retriedUid !== entry.uid) {
        retriedUid = entry.uid;
        host.reload(position);
        return;
      }
      skipTrack(entry, {
        code: 'decode_failed',
        message: t('errors.decode'),
        action: t('errors.decodeAction'),
      });
      return;
    }
    if (result.reason === 'network') {
      const first = waitingFor === undefined;
      waitingFor = { uid: entry.uid, position };
      if (first) host.waiting({ message: t('errors.waitingNetwork'), action: result.error.action });
      const delay = Math.min(30_000, 2_000 * 2 ** attempt++);
      clearTimeout(timer);
      timer = setTimeout(() => void probe(), delay);
      return;
    }
    stopWaiting();
    if (result.reason === 'signed-out') host.halt(problemOf(result.error));
    else skipTrack(entry, result.error);
  };

  const probe = async () => {
    timer = undefined;
    const waited = waitingFor;
    const entry = host.current();
    if (!waited || !entry || entry.uid !== waited.uid) return stopWaiting();
    const generation = host.generation();
    const result = await check(entry.id);
    if (waitingFor !== waited || generation !== host.generation()) return;
    if (result.playable) {
      stopWaiting();
      host.reload(waited.position);
      return;
    }
    handle(entry, waited.position, result);
  };

  return {
    succeeded() {
      failures = 0;
    },
    async failed(position, kind = 'error') {
      const entry = host.current();
      if (!entry) return;
      const generation = host.generation();
      const result = await check(entry.id);
      if (generation !== host.generation()) return;
      handle(entry, position, result, kind);
    },
    retryNow() {
      if (!waitingFor) return;
      clearTimeout(timer);
      void probe();
    },
    cancel: stopWaiting,
    isWaiting: () => waitingFor !== undefined,
  };
}
