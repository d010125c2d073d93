/**
 * The body and answer of `POST …/audio/{id}/send` (v1) and `POST /api/{id}/send` (legacy):
 * checked before sending (so a bad option never costs a request), read tolerantly after.
 */
import { appError } from '../core/errors.ts';

export const sendPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type SendPriority = (typeof sendPriorities)[number];

/** Musique refuses more External IDs than this in one request [API.md §2]. */
export const maxIdsPerSend = 500;

export interface SendBody {
  externalIds: string[];
  /** UTC ISO-8601 (`…Z`); absent means now. */
  scheduleAt?: string;
  priority?: SendPriority;
  /** 1–10 plays. */
  repeat?: number;
  /** 0–100. */
  volume?: number;
}

export interface SendDestination {
  externalId: string;
  userId?: number;
  status: string;
}

export interface SendReceipt {
  sendId?: string;
  audioId?: string;
  destinations: SendDestination[];
  status: string;
  scheduled: boolean;
  scheduleAt?: string;
  /** `X-Request-Id` of the answer, to quote and to reconcile with the usage log. */
  requestId?: string;
}

const utcIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

const invalid = (field: string, message: string) =>
  appError('invalid_send', message, {
    action: 'Correct the send options and try again.',
    details: { field },
  });

/** Throws a worded `invalid_send` for the first problem in `body`; nothing is sent. */
export function checkSendBody(body: SendBody): void {
  const ids = body.externalIds;
  if (!Array.isArray(ids) || ids.length === 0)
    throw invalid('externalIds', 'Choose at least one store to send to.');
  if (ids.length > maxIdsPerSend)
    throw invalid('externalIds', `At most ${maxIdsPerSend} stores fit in one request.`);
  if (ids.some((id) => typeof id !== 'string' || id.trim() === ''))
    throw invalid('externalIds', 'Every store needs an External ID.');
  if (new Set(ids).size !== ids.length)
    throw invalid('externalIds', 'A store is listed twice in one request.');
  if (body.scheduleAt !== undefined) {
    if (!utcIso.test(body.scheduleAt) || Number.isNaN(Date.parse(body.scheduleAt)))
      throw invalid(
        'scheduleAt',
        'The schedule time must be a UTC time like 2026-12-05T14:00:00Z.',
      );
  }
  if (body.priority !== undefined && !sendPriorities.includes(body.priority))
    throw invalid('priority', `Priority is one of ${sendPriorities.join(', ')}.`);
  if (
    body.repeat !== undefined &&
    !(Number.isInteger(body.repeat) && body.repeat >= 1 && body.repeat <= 10)
  )
    throw invalid('repeat', 'Repeat is a whole number from 1 to 10.');
  if (
    body.volume !== undefined &&
    !(Number.isInteger(body.volume) && body.volume >= 0 && body.volume <= 100)
  )
    throw invalid('volume', 'Volume is a whole number from 0 to 100.');
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** The send answer, bare or already unwrapped from its envelope; undefined when unreadable. */
export function readSendReceipt(raw: unknown, requestId?: string): SendReceipt | undefined {
  if (!isObject(raw)) return undefined;
  const body = isObject(raw.data) && !('sendId' in raw) ? raw.data : raw;
  const list = Array.isArray(body.destinations) ? body.destinations : [];
  const destinations: SendDestination[] = [];
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const externalId = text(entry.externalId ?? entry.external_id);
    if (!externalId) continue;
    const userId = typeof entry.userId === 'number' ? entry.userId : undefined;
    destinations.push({
      externalId,
      ...(userId !== undefined ? { userId } : {}),
      status: text(entry.status) ?? text(body.status) ?? 'sent',
    });
  }
  const sendId = text(body.sendId ?? body.send_id ?? body.id);
  const status = text(body.status);
  if (!sendId && !status && destinations.length === 0) return undefined;
  const scheduleAt = text(body.scheduleAt ?? body.schedule_at);
  return {
    ...(sendId ? { sendId } : {}),
    ...(text(body.audioId) ? { audioId: text(body.audioId) } : {}),
    destinations,
    status: status ?? 'sent',
    scheduled: body.scheduled === true || (scheduleAt !== undefined && status === 'scheduled'),
    ...(scheduleAt ? { scheduleAt } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
