import { isoAt } from '../clock.ts';
import type { AudioStore } from './audio-store.ts';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface SendRecord {
  sendId: string;
  audioId: string;
  /** External ID of the token that sent it. */
  senderExternalId: string;
  destinations: Array<{ externalId: string; userId: number }>;
  priority: Priority;
  repeat: number;
  volume: number;
  acceptedMs: number;
  dueMs: number;
  scheduled: boolean;
  /** Its plays have been counted in the audio's stats. */
  settled: boolean;
}

/** One (send, store) pair the sandbox accepted: what a store was told to play, and when. */
export interface LedgerEntry {
  sendId: string;
  audioId: string;
  externalId: string;
  userId: number;
  senderExternalId: string;
  priority: Priority;
  repeat: number;
  volume: number;
  acceptedAt: string;
  scheduled: boolean;
  /** When it plays (or played): the schedule time, or acceptance for an immediate send. */
  deliveredAt: string;
  /** Whether that time has come on the sandbox clock. */
  delivered: boolean;
}

export interface LedgerDuplicate {
  audioId: string;
  externalId: string;
  sendIds: string[];
}

/**
 * Accepted sends and the delivery ledger. Scheduled sends fall due on the sandbox clock; their
 * plays reach the audio's stats when they do (checked lazily, so no timers run).
 */
export interface SendBook {
  add(record: SendRecord): void;
  /** Counts the plays of every send that has fallen due. */
  settle(nowMs: number, audio: AudioStore): void;
  pendingFor(audioId: string, nowMs: number): number;
  ledger(nowMs: number): LedgerEntry[];
  /** Every store that got the same audio from more than one send. */
  duplicates(): LedgerDuplicate[];
}

export function createSendBook(): SendBook {
  const sends: SendRecord[] = [];
  // Only these are looked at on every call, however many sends have gone out.
  let unsettled: SendRecord[] = [];
  return {
    add(record) {
      sends.push(record);
      unsettled.push(record);
    },
    settle(nowMs, audio) {
      if (!unsettled.some((send) => send.dueMs <= nowMs)) return;
      const due = unsettled.filter((send) => send.dueMs <= nowMs);
      unsettled = unsettled.filter((send) => send.dueMs > nowMs);
      for (const send of due) {
        send.settled = true;
        const item = audio.get(send.audioId);
        if (!item) continue;
        item.stats.timesPlayed += send.destinations.length * send.repeat;
        item.stats.totalRecipients += send.destinations.length;
        item.stats.lastPlayedMs = Math.max(item.stats.lastPlayedMs ?? 0, send.dueMs);
      }
    },
    pendingFor(audioId, nowMs) {
      return sends.filter((send) => send.audioId === audioId && send.dueMs > nowMs).length;
    },
    ledger(nowMs) {
      return sends.flatMap((send) =>
        send.destinations.map((destination) => ({
          sendId: send.sendId,
          audioId: send.audioId,
          externalId: destination.externalId,
          userId: destination.userId,
          senderExternalId: send.senderExternalId,
          priority: send.priority,
          repeat: send.repeat,
          volume: send.volume,
          acceptedAt: isoAt(send.acceptedMs),
          scheduled: send.scheduled,
          deliveredAt: isoAt(send.dueMs),
          delivered: send.dueMs <= nowMs,
        })),
      );
    },
    duplicates() {
      const seen = new Map<string, LedgerDuplicate>();
      for (const send of sends) {
        for (const { externalId } of send.destinations) {
          const key = `${send.audioId}\u0000${externalId}`;
          const entry = seen.get(key) ?? { audioId: send.audioId, externalId, sendIds: [] };
          entry.sendIds.push(send.sendId);
          seen.set(key, entry);
        }
      }
      return [...seen.values()].filter((entry) => entry.sendIds.length > 1);
    },
  };
}
