import { z } from 'zod';
import type { ApiErrorShape } from '../define.ts';
import { BaseUrl } from './common.ts';

// ---------------------------------------------------------------------------------------------
// Key shapes. Shared by main (validation) and the renderer (inline messages as the user types).

export type QueyeKeyKind = 'client' | 'user';

export type QueyeKeyProblem =
  /** Nothing entered. */
  | 'empty'
  /** A user key in the client-key field, or the other way round. */
  | 'other-kind'
  /** Does not start with `qm_client_` / `qm_user_`. */
  | 'wrong-prefix'
  /** Right prefix, but not `<8 letters/digits>_<24 letters/digits>` after it. */
  | 'wrong-shape';

const shapes: Record<QueyeKeyKind, RegExp> = {
  client: /^qm_client_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}$/,
  user: /^qm_user_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}$/,
};
const prefixes: Record<QueyeKeyKind, string> = { client: 'qm_client_', user: 'qm_user_' };

/**
 * Removes every whitespace character and line break (also zero-width ones), wherever they are:
 * keys are copied from web pages, e-mails and PDFs that wrap or pad them.
 */
export function cleanKey(raw: string): string {
  return raw.replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '');
}

export function checkQueyeKey(
  kind: QueyeKeyKind,
  raw: string,
): { ok: true; key: string } | { ok: false; problem: QueyeKeyProblem } {
  const key = cleanKey(raw);
  if (!key) return { ok: false, problem: 'empty' };
  if (shapes[kind].test(key)) return { ok: true, key };
  const other: QueyeKeyKind = kind === 'client' ? 'user' : 'client';
  if (key.startsWith(prefixes[other])) return { ok: false, problem: 'other-kind' };
  if (!key.startsWith(prefixes[kind])) return { ok: false, problem: 'wrong-prefix' };
  return { ok: false, problem: 'wrong-shape' };
}

/** The 8-character segment of a client key, which Queye uses as the client's ID. */
export function clientIdOf(clientKey: string): string | undefined {
  return /^qm_client_([A-Za-z0-9]{8})_/.exec(clientKey)?.[1];
}

const queyeKey = (kind: QueyeKeyKind) =>
  z
    .string()
    .max(1000)
    .transform((value, ctx) => {
      const checked = checkQueyeKey(kind, value);
      if (!checked.ok) {
        ctx.addIssue({ code: 'custom', message: checked.problem });
        return z.NEVER;
      }
      return checked.key;
    });

// ---------------------------------------------------------------------------------------------
// Sign-in.

export const QueyeCredentialsArgs = z.strictObject({
  clientKey: queyeKey('client'),
  userKey: queyeKey('user'),
  /** Advanced: defaults to the saved `queye.baseUrl` setting. */
  baseUrl: BaseUrl.optional(),
});
export type QueyeCredentialsArgs = z.input<typeof QueyeCredentialsArgs>;

export type QueyeState =
  /** No account saved. */
  | 'not-configured'
  /** Exchanging the user key. */
  | 'connecting'
  /** The user key is locked: waiting for the user to approve this app in their Queye account. */
  | 'awaiting-approval'
  /** Credentials held; the library can sync (the network may still be down). */
  | 'signed-in'
  /** The account is remembered but its sign-in ended; the library cache is kept. */
  | 'signed-out';

export type QueyeSignedOutReason =
  /** Queye refused the user API key (revoked, rotated or mistyped). */
  | 'user-key-rejected'
  /** The refresh token died (revoked upstream, or this app was disconnected). */
  | 'session-ended'
  /** Queye refused the client key. */
  | 'client-key-rejected'
  /** The saved sign-in could not be decrypted (keychain reset, profile copied). */
  | 'secret-dropped'
  /** Secrets were kept in memory only, so they ended with the last run. */
  | 'not-stored';

export interface QueyeApproval {
  /** Queye's `apr_…` request ID, for the user to find the request in their account. */
  requestId: string;
  attempts: number;
  lastCheckedAt?: string;
  /** When the next automatic check runs. */
  nextAttemptAt?: string;
}

export interface QueyeStatus {
  state: QueyeState;
  /** Connected to the built-in demo sandbox with temporary credentials. */
  demo: boolean;
  /** The base URL this account uses (or would use). */
  baseUrl: string;
  clientKeyHint?: string;
  userKeyHint?: string;
  userId?: string;
  scopes?: string[];
  reason?: QueyeSignedOutReason;
  /** A user key is stored, so "Reconnect" works without pasting it again. */
  canReconnect?: boolean;
  approval?: QueyeApproval;
  /** The last failure of sign-in or of a refresh, worded for the user. */
  error?: ApiErrorShape;
}

export interface QueyeTestResult {
  health: { status: string; version?: string; latencyMs: number };
  exchange:
    { ok: true; userId: string; scopes: string[] } | { ok: false; approvalRequestId: string };
}

// ---------------------------------------------------------------------------------------------
// Account & security (the `/user/*` endpoints).

export interface QueyeKeyInfo {
  keyHint: string;
  createdAt?: string;
  lastUsedAt?: string;
  locked: boolean;
}

/** A freshly rotated user key: shown once, then only its hint exists in the renderer. */
/**
 * A rotation's outcome as the renderer sees it: only the new key's hint. Main keeps the key
 * itself (issue 10: a rotated key is never readable over the bridge).
 */
export interface QueyeRotatedKey {
  hint: string;
}

export type QueyeClientStatus = 'approved' | 'pending' | 'denied' | 'revoked';

export interface QueyeClientInfo {
  clientId: string;
  name: string;
  /** One of `QueyeClientStatus`, or a status this version does not know yet. */
  status: string;
  requestedAt?: string;
  lastUsedAt?: string;
  requestId?: string;
  /** This app (its client key carries the same ID). */
  current: boolean;
}

export const QueyeDecideClientArgs = z.strictObject({
  clientId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/),
  decision: z.enum(['approve', 'deny', 'revoke']),
});

export interface QueyeAccessLogEntry {
  at?: string;
  clientId?: string;
  clientName?: string;
  action: string;
  requestId?: string;
}

export interface QueyeAccessLogPage {
  items: QueyeAccessLogEntry[];
  nextCursor?: string;
}

export const QueyeAccessLogArgs = z
  .strictObject({ cursor: z.string().min(1).max(2000).optional() })
  .optional();
