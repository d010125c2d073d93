import type {
  SavedPositionArgs,
  SavedQueue,
} from '../../../src-preload/contract/schemas/player.ts';
import { historyLimit, makeEntries, type QueueState } from './queue.ts';

/** The queue as main saves it: IDs and positions, no uids. */
export function toSaved(state: QueueState, position: number): SavedQueue {
  const ids = state.entries.map((entry) => entry.id);
  let unshuffled: number[] | undefined;
  if (state.shuffle && state.unshuffled) {
    const at = new Map(state.entries.map((entry, i) => [entry.uid, i]));
    unshuffled = [];
    for (const uid of state.unshuffled) {
      const i = at.get(uid);
      if (i !== undefined) unshuffled.push(i);
    }
    // Only a complete order is worth keeping; the saved queue must stay self-consistent.
    if (unshuffled.length !== ids.length) unshuffled = undefined;
  }
  return {
    ids,
    index: ids.length ? Math.max(0, state.index) : -1,
    position: Math.max(0, Math.round(position * 10) / 10),
    shuffle: state.shuffle,
    repeat: state.repeat,
    ...(unshuffled ? { unshuffled } : {}),
    history: state.history.slice(-historyLimit),
  };
}

export function fromSaved(saved: SavedQueue): QueueState {
  const entries = makeEntries(saved.ids);
  const unshuffled =
    saved.shuffle && saved.unshuffled
      ? saved.unshuffled.map((i) => entries[i]!.uid)
      : saved.shuffle
        ? entries.map((entry) => entry.uid)
        : undefined;
  return {
    entries,
    index: entries.length ? Math.min(Math.max(0, saved.index), entries.length - 1) : -1,
    shuffle: saved.shuffle,
    repeat: saved.repeat,
    unshuffled,
    history: saved.history.slice(-historyLimit),
  };
}

export interface QueueSaver {
  save(queue: SavedQueue): Promise<unknown>;
  savePosition(position: SavedPositionArgs): Promise<unknown>;
}

export interface QueuePersistence {
  /** The queue itself changed: saved after a short quiet spell. */
  queueChanged(): void;
  /** Playback moved on: saved now and then while playing, soon after a pause or a seek. */
  positionChanged(urgent: boolean): void;
  /** Writes whatever is pending at once (the window is closing). */
  flush(): void;
  dispose(): void;
}

/**
 * Debounced saving. A drag that reorders ten times saves once; a playing track saves its
 * position every few seconds (the small call), never the whole queue.
 */
export function createQueuePersistence(
  saver: QueueSaver,
  snapshot: () => { queue: QueueState; position: number },
  timing: { queueDelayMs?: number; positionEveryMs?: number; urgentDelayMs?: number } = {},
  /** Told once per run of failed saves (main could not write the queue), not once per save. */
  onSaveFailed?: (error: unknown) => void,
): QueuePersistence {
  const queueDelayMs = timing.queueDelayMs ?? 500;
  const positionEveryMs = timing.positionEveryMs ?? 5_000;
  const urgentDelayMs = timing.urgentDelayMs ?? 300;
  let queueTimer: ReturnType<typeof setTimeout> | undefined;
  let positionTimer: ReturnType<typeof setTimeout> | undefined;
  let positionUrgent = false;

  let failing = false;
  const report = (work: Promise<unknown>) => {
    // A failed save is retried by the next change; it must never disturb playback.
    work.then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        if (!failing) onSaveFailed?.(error);
        failing = true;
      },
    );
  };

  const saveQueue = () => {
    clearTimeout(queueTimer);
    queueTimer = undefined;
    // A full save includes the position, so a pending position save is no longer needed.
    clearTimeout(positionTimer);
    positionTimer = undefined;
    const { queue, position } = snapshot();
    report(saver.save(toSaved(queue, position)));
  };

  const savePosition = () => {
    clearTimeout(positionTimer);
    positionTimer = undefined;
    positionUrgent = false;
    const { queue, position } = snapshot();
    report(
      saver.savePosition({
        index: queue.entries.length ? Math.max(0, queue.index) : -1,
        position: Math.max(0, Math.round(position * 10) / 10),
      }),
    );
  };

  return {
    queueChanged() {
      clearTimeout(queueTimer);
      queueTimer = setTimeout(saveQueue, queueDelayMs);
    },
    positionChanged(urgent) {
      if (queueTimer) return;
      if (urgent && !positionUrgent) {
        clearTimeout(positionTimer);
        positionTimer = undefined;
      }
      if (positionTimer) return;
      positionUrgent = urgent;
      positionTimer = setTimeout(savePosition, urgent ? urgentDelayMs : positionEveryMs);
    },
    flush() {
      if (queueTimer) saveQueue();
      else savePosition();
    },
    dispose() {
      clearTimeout(queueTimer);
      clearTimeout(positionTimer);
    },
  };
}
