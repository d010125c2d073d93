/**
 * Musique (the broadcaster's API): arguments, results and events of the `musique.*` calls, and
 * the token-shape rules both main and the renderer apply. No Node imports: the renderer shares
 * this file.
 */
import { z } from 'zod';
import type { ApiErrorShape } from '../define.ts';
import type { MusiqueProfile } from './settings.ts';

// ---------------------------------------------------------------------------------------------
// Tokens

/** What the API grants (`POST /api/integration/test`); tokens may carry others we do not know. */
export const musiquePermissions = [
  'audio.read',
  'audio.write',
  'audio.delete',
  'audio.send',
] as const;
export type MusiquePermission = (typeof musiquePermissions)[number];

export type EnvironmentKind = 'production' | 'development' | 'unknown';

/** The environment part of a token (`msk_live_…` → `live`) and what the badge shows for it. */
export interface TokenEnvironment {
  name: string;
  kind: EnvironmentKind;
}

const environmentKinds: Record<string, EnvironmentKind> = {
  prod: 'production',
  live: 'production',
  dev: 'development',
  test: 'development',
};

/**
 * A pasted token without the whitespace and line breaks copying tends to add (a token never
 * contains any, so they are dropped wherever they are, not only at the ends).
 */
export function cleanToken(raw: string): string {
  return raw.replace(/\s+/g, '');
}

const tokenShape = /^([A-Za-z0-9]+)_([A-Za-z]+)_([A-Za-z0-9]+)$/;

/** `{companyPrefix}_{environment}_{hash}`, or undefined when the token has another shape. */
export function tokenParts(
  token: string,
): { company: string; environment: TokenEnvironment } | undefined {
  const match = tokenShape.exec(token);
  if (!match) return undefined;
  const name = match[2]!.toLowerCase();
  return { company: match[1]!, environment: { name, kind: environmentKinds[name] ?? 'unknown' } };
}

export const TokenArgs = z.strictObject({ token: z.string().max(1024) });
export const GenerateTokenArgs = z.strictObject({
  externalId: z.string().max(200),
  companyToken: z.string().max(1024),
});

/** The connected Musique account as the renderer may see it: never the token itself. */
export interface MusiqueAccount {
  /** `none`: no token; `connected`: a token is in use; `rejected`: Musique refused it. */
  status: 'none' | 'connected' | 'rejected';
  /** Connected to the built-in demo with temporary credentials. */
  demo: boolean;
  /** e.g. `msk_live_…cdef`. */
  tokenHint?: string;
  environment?: TokenEnvironment;
  externalId?: string;
  userId?: number;
  permissions: string[];
  /** When the token was last confirmed by `POST /api/integration/test`. */
  testedAt?: string;
  /** Why the token was refused, or why it could not be checked (offline…). */
  error?: ApiErrorShape;
  profile: MusiqueProfile;
  baseUrl: string;
}

// ---------------------------------------------------------------------------------------------
// Service status and quota

export type HealthLevel = 'healthy' | 'degraded' | 'down' | 'unknown';

export interface MusiqueServiceStatus {
  info?: { name: string; version: string; docs?: string };
  health?: {
    status: HealthLevel;
    version?: string;
    timestamp?: string;
    /** database, storage, messaging — and whatever else the service reports. */
    components: Array<{ name: string; status: HealthLevel }>;
  };
  checkedAt?: string;
  error?: ApiErrorShape;
}

export type QuotaWindowName = 'minute' | 'hour' | 'day';
export const quotaWindowNames: readonly QuotaWindowName[] = ['minute', 'hour', 'day'];

export interface QuotaWindow {
  limit: number;
  remaining: number;
  resetAt?: string;
  /** Straight from the service; false when counted locally since the last exact figure. */
  exact: boolean;
}

export interface QuotaSnapshot {
  windows: Partial<Record<QuotaWindowName, QuotaWindow>>;
  updatedAt?: string;
  /** Set while Musique has asked the app to wait (`429`). */
  blockedUntil?: string;
}

// ---------------------------------------------------------------------------------------------
// Audio library

export interface AudioStats {
  timesPlayed: number;
  lastPlayedAt: string | null;
  totalRecipients: number;
}

export interface AudioItem {
  /** `id ?? audioId`, an opaque string. */
  id: string;
  name: string;
  description: string;
  category: string;
  /** The file's public address as Musique reports it (played through `media://audio/<id>`). */
  url?: string;
  /** Seconds. */
  duration?: number;
  /** Bytes. */
  size?: number;
  format?: string;
  createdAt?: string;
  stats: AudioStats;
}

export interface AnnouncementLibrarySnapshot {
  items: AudioItem[];
  /** When the list was last read from Musique. */
  fetchedAt?: string;
  /** The items are the last known list (the latest refresh failed or has not run). */
  stale: boolean;
  refreshing: boolean;
  error?: ApiErrorShape;
}

const AudioId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
export const AudioIdArgs = z.strictObject({ id: AudioId });

// ---------------------------------------------------------------------------------------------
// Uploads

export const uploadCategories = ['announcement', 'promotion', 'emergency', 'other'] as const;
export type UploadCategory = (typeof uploadCategories)[number];

export const maxUploadBytes = 10 * 1024 * 1024;
/** The most one `uploadChunk` call carries (fits IPC and the browser host's WebSocket). */
export const maxChunkBytes = 1024 * 1024;

const UploadId = z.string().regex(/^upl_[a-f0-9]{16}$/);

export const UploadBeginArgs = z.strictObject({
  fileName: z.string().min(1).max(255),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
/** Accepted: send the bytes in order under `uploadId`. Refused by size alone: nothing to send. */
export type UploadTicket =
  { accepted: true; uploadId: string; chunkBytes: number } | { accepted: false; check: FileCheck };

export const UploadChunkArgs = z.strictObject({
  uploadId: UploadId,
  offset: z.number().int().min(0).max(maxUploadBytes),
  bytes: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'bytes expected' })
    .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= maxChunkBytes, {
      message: `a chunk holds 1 to ${maxChunkBytes} bytes`,
    }),
});

export const UploadIdArgs = z.strictObject({ uploadId: UploadId });

export type RejectReason = 'empty' | 'too_large' | 'not_mp3' | 'unreadable' | 'incomplete';

/** The verdict on a staged file, decided from its content before anything is sent. */
export type FileCheck =
  | {
      ok: true;
      size: number;
      durationSec: number;
      bitrateKbps: number;
      sampleRate?: number;
      channels?: number;
      /** From the ID3 title, else the file name without its extension. */
      suggestedName: string;
      title?: string;
      artist?: string;
    }
  | {
      ok: false;
      size: number;
      reason: RejectReason;
      /** What the content turned out to be (`WAV`, `Ogg`…), when recognisable. */
      detected?: string;
      message: string;
    };

/** A name of only spaces is no name. */
export const UploadName = z.string().trim().min(1).max(200);

export const UploadStartArgs = z.strictObject({
  uploadId: UploadId,
  name: UploadName,
  description: z.string().max(2000),
  category: z.enum(uploadCategories),
});

export type UploadPhase =
  | 'uploading'
  /** Musique asked to wait (`429`); the upload resumes by itself at `waitUntil`. */
  | 'waiting'
  /** The connection broke after the file went out: looking for it in the library. */
  | 'verifying'
  | 'done'
  | 'failed'
  | 'cancelled'
  /** Could not be confirmed either way; check the library before trying again. */
  | 'unknown';

export interface UploadProgress {
  uploadId: string;
  phase: UploadPhase;
  sentBytes: number;
  totalBytes: number;
  waitUntil?: string;
  /** The new library item, once done. */
  item?: AudioItem;
  error?: ApiErrorShape;
}

// ---------------------------------------------------------------------------------------------
// Usage log (legacy profile)

export const statusClasses = ['2xx', '3xx', '4xx', '5xx'] as const;
export const logMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const UsageLogArgs = z.strictObject({
  /** From the previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^\d{1,7}(:\d{1,3})?$/)
    .optional(),
  limit: z.number().int().min(1).max(200).optional(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.optional(),
  endpoint: z.string().trim().max(200).optional(),
  statusClass: z.enum(statusClasses).optional(),
  method: z.enum(logMethods).optional(),
});
export type UsageLogQuery = z.input<typeof UsageLogArgs>;

export interface UsageEntry {
  timestamp: string;
  method: string;
  endpoint: string;
  status: number;
  durationMs?: number;
  requestId?: string;
}

export interface UsageLogPage {
  items: UsageEntry[];
  /** Matching entries in all, when Musique can say (not with a status-class filter). */
  total?: number;
  nextCursor?: string;
  /** How many log entries were read to fill this page. */
  scanned: number;
}
