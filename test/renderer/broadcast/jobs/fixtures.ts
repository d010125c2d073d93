import type {
  BroadcastJob,
  JobCounts,
  StoreRow,
  UnknownChunkView,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import { resetJobs } from '../../../../src-renderer/features/broadcast/jobs/jobs-store.ts';
import { resetHistory } from '../../../../src-renderer/features/broadcast/history/history-store.ts';
import { resetStores } from '../../musique/fixtures.ts';

export function counts(patch: Partial<JobCounts> = {}): JobCounts {
  const base = { pending: 0, inFlight: 0, sent: 0, failed: 0, unknown: 0, cancelled: 0 };
  const merged = { ...base, ...patch };
  const total =
    patch.total ??
    merged.pending +
      merged.inFlight +
      merged.sent +
      merged.failed +
      merged.unknown +
      merged.cancelled;
  return { ...merged, total };
}

export function job(overrides: Partial<BroadcastJob> = {}): BroadcastJob {
  return {
    id: 'job_spring',
    audioId: 'aud_spring',
    audioName: 'Spring sale',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:05.000Z',
    schedule: { kind: 'now' },
    options: { priority: 'high', repeat: 2, volume: 80 },
    sender: { externalId: 'hq_marketing', environment: 'live', host: 'api.musique.app' },
    chunkSize: 100,
    requests: 5,
    phase: 'running',
    counts: counts({ sent: 312, pending: 100 }),
    unknown: [],
    ...overrides,
  };
}

export function unknownChunk(chunk: number, stores = 100): UnknownChunkView {
  return {
    chunk,
    attempt: 1,
    sentAt: '2026-03-01T09:00:03.000Z',
    stores,
    requestId: `req_u${chunk}`,
    error: { code: 'timeout', message: 'no answer within 30 s' },
    question: `Sent at 09:00:03 UTC, no certain answer (no answer within 30 s); request ID req_u${chunk}; resend these ${stores} stores?`,
  };
}

export const row = (externalId: string, patch: Partial<StoreRow> = {}): StoreRow => ({
  externalId,
  chunk: 0,
  status: 'sent',
  requestId: `req_${externalId}`,
  at: Date.UTC(2026, 2, 1, 9, 0, 2),
  ...patch,
});

/** Every store the renderer keeps between tests, back to its first state. */
export function resetAll(): void {
  resetStores();
  resetJobs();
  resetHistory();
  localStorage.clear();
}
