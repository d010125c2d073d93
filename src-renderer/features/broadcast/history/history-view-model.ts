/** History's pure parts: the query its filters send, and a job's outcome as history names it. */
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import type { HistoryStatus } from '../../../../src-preload/contract/schemas/broadcast-history.ts';

/** The filter form as typed: dates are `YYYY-MM-DD` days in the user's zone, '' for none. */
export interface HistoryFilters {
  audioId: string;
  from: string;
  to: string;
  status: HistoryStatus | '';
  externalId: string;
}

export const noFilters: HistoryFilters = {
  audioId: '',
  from: '',
  to: '',
  status: '',
  externalId: '',
};

export interface HistoryQuery {
  audioId?: string;
  from?: string;
  to?: string;
  status?: HistoryStatus;
  externalId?: string;
}

/** Midnight at the start of a local day, as an instant. */
const startOfDay = (day: string) => {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
};

/**
 * The arguments for `broadcast.history`: "to" includes its whole day (jobs before the next
 * midnight), blanks are left out, the store ID is trimmed.
 */
export function historyQuery(filters: HistoryFilters): HistoryQuery {
  const query: HistoryQuery = {};
  if (filters.audioId) query.audioId = filters.audioId;
  if (filters.from) query.from = startOfDay(filters.from).toISOString();
  if (filters.to) {
    const end = startOfDay(filters.to);
    end.setDate(end.getDate() + 1);
    query.to = end.toISOString();
  }
  if (filters.status) query.status = filters.status;
  if (filters.externalId.trim()) query.externalId = filters.externalId.trim();
  return query;
}

/** A problem with the filters that the form shows at the field, or undefined. */
export function filtersProblem(filters: HistoryFilters): 'dateOrder' | undefined {
  return filters.from && filters.to && filters.to < filters.from ? 'dateOrder' : undefined;
}

/** The outcome history shows for a job (the same names its status filter uses). */
export function outcomeOf(job: BroadcastJob): HistoryStatus {
  if (job.phase === 'running' || job.phase === 'paused' || job.phase === 'stopped') return 'active';
  if (job.counts.unknown > 0) return 'with-unknown';
  if (job.counts.failed > 0) return 'with-failures';
  if (job.counts.cancelled > 0) return 'cancelled';
  return 'complete';
}
