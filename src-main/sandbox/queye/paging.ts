import { badRequest } from '../http/reply.ts';
import { parseIsoInstant } from '../iso-time.ts';

const defaultLimit = 50;

/** `limit` from 1 to 200; anything else is refused, not clamped. */
export function parseLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return defaultLimit;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 200) {
    throw badRequest(`limit must be an integer from 1 to 200 (got "${raw}").`);
  }
  return Number(raw);
}

function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Opaque cursors: the position, which listing it belongs to, and a checksum so a mangled or
 * hand-made cursor is refused (400) instead of silently restarting the listing.
 */
export function encodeCursor(secret: string, listing: string, position: number[]): string {
  const payload = JSON.stringify([listing, ...position]);
  return `${Buffer.from(payload).toString('base64url')}.${checksum(secret + payload)}`;
}

export function decodeCursor(
  secret: string,
  listing: string,
  raw: string | null,
  size: number,
): number[] | undefined {
  if (raw === null) return undefined;
  const [body = '', sum, extra] = raw.split('.');
  const payload = Buffer.from(body, 'base64url').toString('utf8');
  if (extra !== undefined || !body || sum !== checksum(secret + payload))
    throw badRequest('Malformed cursor.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw badRequest('Malformed cursor.');
  }
  if (!Array.isArray(parsed) || parsed[0] !== listing) {
    throw badRequest('This cursor belongs to a different listing.');
  }
  const position = parsed.slice(1) as unknown[];
  if (
    position.length !== size ||
    !position.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    throw badRequest('Malformed cursor.');
  }
  return position as number[];
}

export function parseUploadedAfter(query: URLSearchParams): number | undefined {
  const raw = query.get('uploaded_after');
  if (raw === null) return undefined;
  const ms = parseIsoInstant(raw, { dateOnly: true });
  if (ms === undefined) {
    throw badRequest(
      `uploaded_after must be an ISO-8601 date-time such as 2026-01-31T12:00:00Z (got "${raw}").`,
    );
  }
  return ms;
}

/** One page of an in-memory list with an offset cursor. */
export function offsetPage<T>(
  secret: string,
  listing: string,
  query: URLSearchParams,
  items: readonly T[],
): { items: T[]; next_cursor: string | null } {
  const limit = parseLimit(query);
  const [offset = 0] = decodeCursor(secret, listing, query.get('cursor'), 1) ?? [];
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('Malformed cursor.');
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    next_cursor: end < items.length ? encodeCursor(secret, listing, [end]) : null,
  };
}
