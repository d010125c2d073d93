import { badRequest } from '../http/reply.ts';
import { parseIsoInstant } from '../iso-time.ts';

export interface UsageRecord {
  atMs: number;
  method: string;
  endpoint: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export interface UsageQuery {
  page: number;
  limit: number;
  startMs?: number;
  endMs?: number;
  endpoint?: string;
  status?: number;
  method?: string;
}

const retentionMs = 30 * 86_400_000;
const maxEntriesPerToken = 100_000;

/**
 * The legacy usage log: every call made with a token (after it was authenticated), kept for 30
 * days of sandbox time, newest first when read. Clients use it to reconcile sends whose outcome
 * they never saw.
 */
export interface UsageLog {
  record(token: string, entry: UsageRecord): void;
  query(token: string, filter: UsageQuery, nowMs: number): { items: UsageRecord[]; total: number };
}

export function createUsageLog(): UsageLog {
  const byToken = new Map<string, UsageRecord[]>();

  function pruned(token: string, nowMs: number): UsageRecord[] {
    const entries = byToken.get(token) ?? [];
    const cutoff = nowMs - retentionMs;
    let first = 0;
    while (first < entries.length && (entries[first]?.atMs ?? 0) < cutoff) first++;
    if (first > 0) entries.splice(0, first);
    return entries;
  }

  return {
    record(token, entry) {
      const entries = byToken.get(token) ?? [];
      entries.push(entry);
      if (entries.length > maxEntriesPerToken)
        entries.splice(0, entries.length - maxEntriesPerToken);
      byToken.set(token, entries);
    },
    query(token, filter, nowMs) {
      const matching = pruned(token, nowMs).filter(
        (entry) =>
          (filter.startMs === undefined || entry.atMs >= filter.startMs) &&
          (filter.endMs === undefined || entry.atMs <= filter.endMs) &&
          (filter.endpoint === undefined || entry.endpoint.startsWith(filter.endpoint)) &&
          (filter.status === undefined || entry.status === filter.status) &&
          (filter.method === undefined || entry.method === filter.method),
      );
      matching.reverse();
      const start = (filter.page - 1) * filter.limit;
      return { items: matching.slice(start, start + filter.limit), total: matching.length };
    },
  };
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max} (got "${raw}").`);
  }
  return Number(raw);
}

/** A bare date as `endDate` means "through the end of that day" (UTC). */
function dateParam(query: URLSearchParams, name: string, endOfDay = false): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = parseIsoInstant(raw, { dateOnly: true });
  if (ms === undefined)
    throw badRequest(`${name} must be an ISO-8601 date or date-time (got "${raw}").`);
  return endOfDay && raw.length === 10 ? ms + 86_399_999 : ms;
}

/** `?page&limit(≤200)&startDate&endDate&endpoint&status&method`, validated. */
export function parseUsageQuery(query: URLSearchParams): UsageQuery {
  const method = query.get('method')?.toUpperCase();
  if (method !== undefined && !methods.includes(method)) {
    throw badRequest(`method must be one of ${methods.join(', ')}.`);
  }
  const filter: UsageQuery = {
    page: integerParam(query, 'page', 1, 1, 1_000_000),
    limit: integerParam(query, 'limit', 50, 1, 200),
  };
  const startMs = dateParam(query, 'startDate');
  const endMs = dateParam(query, 'endDate', true);
  if (startMs !== undefined && endMs !== undefined && endMs < startMs) {
    throw badRequest('endDate must not be before startDate.');
  }
  const endpoint = query.get('endpoint');
  const status = query.has('status') ? integerParam(query, 'status', 0, 100, 599) : undefined;
  return {
    ...filter,
    ...(startMs !== undefined ? { startMs } : {}),
    ...(endMs !== undefined ? { endMs } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(method !== undefined ? { method } : {}),
  };
}
