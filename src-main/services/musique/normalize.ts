/**
 * Tolerant readers for Musique's answers. The two editions of the docs (and the service itself)
 * disagree on shapes — `id` vs `audioId`, a bare list vs `{items}` / `{audio}` / `{data}` —
 * so every answer is read defensively into the app's own types; the `{data, timestamp}`
 * envelope is already gone (the HTTP client unwraps it).
 */
import type {
  AudioItem,
  HealthLevel,
  MusiqueServiceStatus,
  QuotaWindowName,
  UsageEntry,
} from '../../../src-preload/contract/schemas/musique.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

const number = (value: unknown): number | undefined => {
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
};

/** One audio object, or undefined when it has no usable ID. */
export function readAudio(raw: unknown): AudioItem | undefined {
  if (!isObject(raw)) return undefined;
  const id = text(raw.id) ?? text(raw.audioId) ?? text(raw.audio_id);
  if (!id) return undefined;
  const stats = isObject(raw.stats) ? raw.stats : {};
  const item: AudioItem = {
    id,
    name: text(raw.name) ?? '',
    description: text(raw.description) ?? '',
    category: text(raw.category) ?? '',
    stats: {
      timesPlayed: number(stats.timesPlayed ?? stats.times_played) ?? 0,
      lastPlayedAt: text(stats.lastPlayedAt ?? stats.last_played_at) ?? null,
      totalRecipients: number(stats.totalRecipients ?? stats.total_recipients) ?? 0,
    },
  };
  const url = text(raw.url);
  const duration = number(raw.duration);
  const size = number(raw.size);
  const format = text(raw.format);
  const createdAt = text(raw.createdAt ?? raw.created_at);
  if (url) item.url = url;
  if (duration !== undefined) item.duration = duration;
  if (size !== undefined) item.size = size;
  if (format) item.format = format;
  if (createdAt) item.createdAt = createdAt;
  return item;
}

export interface AudioPage {
  items: AudioItem[];
  /** How many raw entries the page held (short page ⇒ last page). */
  count: number;
  total?: number;
  hasMore?: boolean;
}

/** A list answer: `{items, …}`, a bare array, `{audio}` or `{data}`. */
export function readAudioPage(raw: unknown): AudioPage {
  let entries: unknown[] = [];
  let meta: Json = {};
  if (Array.isArray(raw)) entries = raw;
  else if (isObject(raw)) {
    meta = raw;
    const list = [raw.items, raw.audio, raw.data, raw.results].find(Array.isArray);
    if (list) entries = list as unknown[];
  }
  const items = entries.map(readAudio).filter((item): item is AudioItem => item !== undefined);
  const total = number(meta.total);
  const hasMore = typeof meta.hasMore === 'boolean' ? meta.hasMore : undefined;
  return {
    items,
    count: entries.length,
    ...(total !== undefined ? { total } : {}),
    ...(hasMore !== undefined ? { hasMore } : {}),
  };
}

const levels: readonly HealthLevel[] = ['healthy', 'degraded', 'down'];
const level = (value: unknown): HealthLevel => {
  const word = typeof value === 'string' ? value.toLowerCase() : '';
  if (word === 'ok' || word === 'up') return 'healthy';
  return levels.find((known) => known === word) ?? 'unknown';
};

export function readHealth(raw: unknown): NonNullable<MusiqueServiceStatus['health']> {
  const body = isObject(raw) ? raw : {};
  const services = isObject(body.services) ? body.services : {};
  const components = Object.entries(services).map(([name, value]) => ({
    name,
    status: level(isObject(value) ? value.status : value),
  }));
  const version = text(body.version);
  const timestamp = text(body.timestamp);
  return {
    status: level(body.status),
    components,
    ...(version ? { version } : {}),
    ...(timestamp ? { timestamp } : {}),
  };
}

export function readInfo(raw: unknown): NonNullable<MusiqueServiceStatus['info']> {
  const body = isObject(raw) ? raw : {};
  const docs = text(body.docs);
  return {
    name: text(body.name) ?? 'Musique Partner API',
    version: text(body.version) ?? '',
    ...(docs ? { docs } : {}),
  };
}

export interface TokenCheck {
  valid: boolean;
  externalId?: string;
  userId?: number;
  permissions: string[];
}

export function readTokenCheck(raw: unknown): TokenCheck {
  const body = isObject(raw) ? raw : {};
  const permissions = Array.isArray(body.permissions)
    ? body.permissions.filter((p): p is string => typeof p === 'string')
    : [];
  const externalId = text(body.externalId ?? body.external_id);
  const userId = number(body.userId ?? body.user_id);
  return {
    valid: body.valid !== false,
    permissions,
    ...(externalId ? { externalId } : {}),
    ...(userId !== undefined ? { userId } : {}),
  };
}

/** `POST /api/integration/auth` ⇒ `{token, expires_at}`. */
export function readGeneratedToken(raw: unknown): string | undefined {
  const body = isObject(raw) ? raw : {};
  return text(body.token ?? body.apiToken ?? body.api_token);
}

export function readUsagePage(raw: unknown): {
  items: UsageEntry[];
  count: number;
  total?: number;
} {
  let entries: unknown[] = [];
  if (Array.isArray(raw)) entries = raw;
  else if (isObject(raw)) {
    const list = [raw.items, raw.logs, raw.data].find(Array.isArray);
    if (list) entries = list as unknown[];
  }
  const items: UsageEntry[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    const status = number(entry.status ?? entry.statusCode);
    const timestamp = text(entry.timestamp ?? entry.createdAt);
    if (status === undefined || !timestamp) continue;
    const durationMs = number(entry.durationMs ?? entry.duration);
    const requestId = text(entry.requestId ?? entry.request_id);
    items.push({
      timestamp,
      method: (text(entry.method) ?? '').toUpperCase(),
      endpoint: text(entry.endpoint ?? entry.path) ?? '',
      status,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(requestId ? { requestId } : {}),
    });
  }
  const total = isObject(raw) ? number(raw.total) : undefined;
  return { items, count: entries.length, ...(total !== undefined ? { total } : {}) };
}

/** Legacy `limits`: `{limits, usage, remaining, resetAt}`, each keyed perMinute/perHour/perDay. */
export function readLimits(
  raw: unknown,
): Partial<Record<QuotaWindowName, { limit: number; remaining: number; resetAt?: string }>> {
  const body = isObject(raw) ? raw : {};
  const part = (key: string) => (isObject(body[key]) ? body[key] : {});
  const limits = part('limits');
  const usage = part('usage');
  const remaining = part('remaining');
  const resetAt = part('resetAt');
  const keys: Record<QuotaWindowName, string> = {
    minute: 'perMinute',
    hour: 'perHour',
    day: 'perDay',
  };
  const out: Partial<
    Record<QuotaWindowName, { limit: number; remaining: number; resetAt?: string }>
  > = {};
  for (const [window, key] of Object.entries(keys) as Array<[QuotaWindowName, string]>) {
    const limit = number(limits[key]);
    if (limit === undefined) continue;
    const left = number(remaining[key]) ?? limit - (number(usage[key]) ?? 0);
    const reset = text(resetAt[key]);
    out[window] = { limit, remaining: Math.max(0, left), ...(reset ? { resetAt: reset } : {}) };
  }
  return out;
}
