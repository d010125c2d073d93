import { isoAt } from '../clock.ts';
import { badRequest } from '../http/reply.ts';
import { parseIsoInstant } from '../iso-time.ts';
import type { Priority } from './sends.ts';

export interface SendRequest {
  externalIds: string[];
  scheduleAtMs?: number;
  priority: Priority;
  repeat: number;
  volume: number;
}

export const maxExternalIdsPerSend = 500;
const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

function integerIn(
  body: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = body[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(
      `${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)}).`,
    );
  }
  return value;
}

function externalIdsOf(body: Record<string, unknown>): string[] {
  const ids = body.externalIds;
  if (ids === undefined || ids === null) {
    throw badRequest('externalIds is required: a non-empty array of External IDs.');
  }
  if (!Array.isArray(ids)) throw badRequest('externalIds must be an array of External ID strings.');
  if (ids.length === 0)
    throw badRequest('externalIds must not be empty: name at least one External ID.');
  if (ids.length > maxExternalIdsPerSend) {
    throw badRequest(
      `externalIds may hold at most ${maxExternalIdsPerSend} IDs per request (got ${ids.length}); send in chunks.`,
    );
  }
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (typeof id !== 'string' || id.trim() === '') {
      throw badRequest(
        `externalIds[${index}] must be a non-empty string (got ${JSON.stringify(id)}).`,
      );
    }
    if (seen.has(id)) throw badRequest(`externalIds lists "${id}" more than once.`);
    seen.add(id);
  });
  return ids as string[];
}

function scheduleOf(body: Record<string, unknown>, nowMs: number): number | undefined {
  const value = body.scheduleAt;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw badRequest('scheduleAt must be an ISO-8601 date-time string.');
  const ms = parseIsoInstant(value);
  if (ms === undefined) {
    throw badRequest(
      `scheduleAt must be an ISO-8601 date-time with a time zone, e.g. 2026-05-01T09:30:00Z (got "${value}").`,
    );
  }
  if (ms < nowMs) {
    throw badRequest(
      `scheduleAt is in the past: ${value} is before the server time ${isoAt(nowMs)}.`,
    );
  }
  return ms;
}

/** Checks a send body field by field; the first problem found is reported. */
export function validateSend(body: Record<string, unknown>, nowMs: number): SendRequest {
  const externalIds = externalIdsOf(body);
  const scheduleAtMs = scheduleOf(body, nowMs);
  const priority = body.priority ?? 'normal';
  if (typeof priority !== 'string' || !priorities.includes(priority as Priority)) {
    throw badRequest(
      `priority must be one of ${priorities.join(', ')} (got ${JSON.stringify(priority)}).`,
    );
  }
  return {
    externalIds,
    ...(scheduleAtMs !== undefined ? { scheduleAtMs } : {}),
    priority: priority as Priority,
    repeat: integerIn(body, 'repeat', 1, 1, 10),
    volume: integerIn(body, 'volume', 100, 0, 100),
  };
}
