/**
 * Settling sends whose outcome is unknown, from what Musique itself recorded. Only positive
 * evidence settles anything; everything else stays unknown and goes to the user with the facts.
 *
 * - The legacy usage log (legacy profile only) lists every call with its status and request ID.
 *   An unknown attempt whose request ID is known is settled by its entry: 2xx ⇒ sent; 4xx ⇒ it
 *   was refused, so nothing was sent. Without a request ID (a timeout, a crash mid-request), a
 *   single send entry for this audio in the attempt's time span, not already claimed by a
 *   request ID this app has on record, settles it the same way. None, several, or a 5xx: unknown
 *   (a 5xx can come after the send was accepted; no entry may mean the request is still held).
 * - The audio's `stats.totalRecipients` (immediate sends only: scheduled ones count when due):
 *   when it has grown by exactly this job's confirmed stores plus all its unknown ones, every
 *   unknown attempt reached Musique. Any other figure settles nothing (another sender of the
 *   same audio could account for it).
 */
import type { UsageEntry } from '../../../src-preload/contract/schemas/musique.ts';
import type { MusiqueApi } from '../musique/musique-feature.ts';
import type { ReconcileRecord } from './records.ts';
import { attemptKey, countsOf, type JobState, type UnknownAttempt } from './state.ts';

/** How far this PC's clock may be from Musique's. */
const skewMs = 5_000;
const maxLogPages = 20;

async function sendEntries(
  api: MusiqueApi,
  audioId: string,
  sinceMs: number,
): Promise<UsageEntry[]> {
  const out: UsageEntry[] = [];
  const startDate = new Date(sinceMs - skewMs).toISOString();
  for (let page = 1; page <= maxLogPages; page++) {
    const result = await api.logs({ page, limit: 200, startDate, method: 'POST' });
    out.push(
      ...result.items.filter(
        (e) => e.method === 'POST' && e.endpoint.endsWith(`/${encodeURIComponent(audioId)}/send`),
      ),
    );
    if (result.count < 200) break;
  }
  return out;
}

export function settleFromLog(
  unknown: UnknownAttempt,
  entries: UsageEntry[],
  claimed: Set<string>,
  untilMs: number,
): ReconcileRecord | undefined {
  const verdict = (entry: UsageEntry): ReconcileRecord | undefined => {
    const base = {
      type: 'reconciled' as const,
      at: 0,
      chunk: unknown.chunk,
      attempt: unknown.attempt,
      how: 'usage-log' as const,
      ...(entry.requestId ? { requestId: entry.requestId } : {}),
    };
    if (entry.status >= 200 && entry.status < 300) return { ...base, result: 'sent' };
    if (entry.status >= 400 && entry.status < 500) return { ...base, result: 'not-sent' };
    return undefined;
  };
  if (unknown.requestId) {
    const entry = entries.find((e) => e.requestId === unknown.requestId);
    return entry ? verdict(entry) : undefined;
  }
  const candidates = entries.filter((e) => {
    const at = Date.parse(e.timestamp);
    return (
      at >= unknown.at - skewMs &&
      at <= untilMs + skewMs &&
      !(e.requestId && claimed.has(e.requestId))
    );
  });
  return candidates.length === 1 ? verdict(candidates[0]!) : undefined;
}

export async function reconcile(
  state: JobState,
  api: MusiqueApi,
  claimed: Set<string>,
  now: number,
): Promise<ReconcileRecord[]> {
  const open = [...state.unknown.values()].sort((a, b) => a.at - b.at);
  if (open.length === 0) return [];
  const out: ReconcileRecord[] = [];
  if (api.routes.logs) {
    const entries = await sendEntries(api, state.job.audioId, open[0]!.at);
    const taken = new Set(claimed);
    for (const [i, unknown] of open.entries()) {
      // The span ends where this job's next request began (or now): an entry after that is
      // that request's, not this one's.
      const next = open[i + 1]?.at ?? now;
      const settled = settleFromLog(unknown, entries, taken, next);
      if (!settled) continue;
      if (settled.requestId) taken.add(settled.requestId);
      out.push({ ...settled, at: now });
    }
  }
  const left = open.filter(
    (u) => !out.some((r) => attemptKey(r.chunk, r.attempt) === attemptKey(u.chunk, u.attempt)),
  );
  if (
    left.length > 0 &&
    state.job.schedule.kind === 'now' &&
    state.job.baselineRecipients !== undefined
  ) {
    const audio = await api.get(state.job.audioId);
    const grown = audio.stats.totalRecipients - state.job.baselineRecipients;
    const confirmed =
      countsOf(state).sent +
      out
        .filter((r) => r.result === 'sent')
        .reduce(
          (n, r) =>
            n + (state.unknown.get(attemptKey(r.chunk, r.attempt))?.externalIds.length ?? 0),
          0,
        );
    const unknownStores = left.reduce((n, u) => n + u.externalIds.length, 0);
    if (grown === confirmed + unknownStores)
      for (const u of left)
        out.push({
          type: 'reconciled',
          at: now,
          chunk: u.chunk,
          attempt: u.attempt,
          result: 'sent',
          how: 'audio-stats',
        });
  }
  return out;
}
