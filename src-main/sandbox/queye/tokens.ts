import { SandboxApiError } from '../http/reply.ts';
import { randomAlphanumeric } from '../ids.ts';
import type { QueyeClient, QueyeScope, QueyeUser } from './accounts.ts';

/** One sign-in of one user in one client: the exchange opens it, refreshes continue it. */
export interface Session {
  id: string;
  userId: string;
  clientId: string;
  scopes: QueyeScope[];
  revoked: boolean;
}

interface TokenRecord {
  sessionId: string;
  expiresMs: number | null;
  revoked: boolean;
}

interface RefreshRecord extends TokenRecord {
  /** Rotated away: refresh tokens work once. */
  spent: boolean;
}

interface StreamRecord {
  trackId: number;
  expiresMs: number;
  revoked: boolean;
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  session: Session;
}

export interface TokenBook {
  open(user: QueyeUser, client: QueyeClient, scopes: QueyeScope[], nowMs: number): TokenGrant;
  /** Rotates: the presented refresh token is dead afterwards. */
  refresh(client: QueyeClient, refreshToken: string, nowMs: number): TokenGrant;
  /** The session behind a bearer token, or `invalid_access_token`. */
  checkAccess(client: QueyeClient, accessToken: string, nowMs: number): Session;
  revokeSession(sessionId: string): void;
  revokeSessionsOf(userId: string, clientId: string): void;
  issueStream(trackId: number, nowMs: number): { token: string; expiresIn: number };
  checkStream(token: string | null, trackId: number, nowMs: number): void;
  /** Control: make any token (access, refresh, stream) expired or revoked. */
  expire(token: string, nowMs: number): boolean;
  revoke(token: string): boolean;
}

const invalidAccess = (message: string) =>
  new SandboxApiError(401, 'invalid_access_token', message);
const invalidRefresh = (message: string) =>
  new SandboxApiError(401, 'invalid_refresh_token', message);
const invalidStream = (message: string) =>
  new SandboxApiError(401, 'invalid_stream_token', message);

export function createTokenBook(ttl: { accessSec: number; streamSec: number }): TokenBook {
  const sessions = new Map<string, Session>();
  const access = new Map<string, TokenRecord>();
  const refresh = new Map<string, RefreshRecord>();
  const streams = new Map<string, StreamRecord>();

  function issue(session: Session, nowMs: number): TokenGrant {
    const accessToken = `qat_${randomAlphanumeric(40)}`;
    const refreshToken = `qrt_${randomAlphanumeric(48)}`;
    access.set(accessToken, {
      sessionId: session.id,
      expiresMs: nowMs + ttl.accessSec * 1000,
      revoked: false,
    });
    refresh.set(refreshToken, {
      sessionId: session.id,
      expiresMs: null,
      revoked: false,
      spent: false,
    });
    return { accessToken, refreshToken, expiresIn: ttl.accessSec, session };
  }

  function sessionOf(record: TokenRecord): Session | undefined {
    return sessions.get(record.sessionId);
  }

  return {
    open(user, client, scopes, nowMs) {
      const session: Session = {
        id: randomAlphanumeric(16),
        userId: user.id,
        clientId: client.id,
        scopes: [...scopes],
        revoked: false,
      };
      sessions.set(session.id, session);
      return issue(session, nowMs);
    },
    refresh(client, token, nowMs) {
      const record = refresh.get(token);
      const session = record && sessionOf(record);
      if (!record || !session) throw invalidRefresh('The refresh token is not valid.');
      if (record.spent) {
        throw invalidRefresh(
          'This refresh token was already used. Refresh tokens rotate: keep the newest one.',
        );
      }
      if (record.revoked || session.revoked)
        throw invalidRefresh('The refresh token has been revoked.');
      if (record.expiresMs !== null && record.expiresMs <= nowMs)
        throw invalidRefresh('The refresh token has expired.');
      if (session.clientId !== client.id)
        throw invalidRefresh('The refresh token was issued to a different client.');
      record.spent = true;
      return issue(session, nowMs);
    },
    checkAccess(client, token, nowMs) {
      const record = access.get(token);
      const session = record && sessionOf(record);
      if (!record || !session) throw invalidAccess('The access token is not valid.');
      if (record.revoked || session.revoked)
        throw invalidAccess('The access token has been revoked.');
      if (record.expiresMs !== null && record.expiresMs <= nowMs) {
        throw invalidAccess('The access token has expired. Refresh it and try again.');
      }
      if (session.clientId !== client.id)
        throw invalidAccess('The access token was issued to a different client.');
      return session;
    },
    revokeSession(sessionId) {
      const session = sessions.get(sessionId);
      if (session) session.revoked = true;
    },
    revokeSessionsOf(userId, clientId) {
      for (const session of sessions.values()) {
        if (session.userId === userId && session.clientId === clientId) session.revoked = true;
      }
    },
    issueStream(trackId, nowMs) {
      const token = `qst_${randomAlphanumeric(32)}`;
      streams.set(token, { trackId, expiresMs: nowMs + ttl.streamSec * 1000, revoked: false });
      return { token, expiresIn: ttl.streamSec };
    },
    checkStream(token, trackId, nowMs) {
      if (!token)
        throw invalidStream('Missing stream token: request a stream URL with POST /stream/token.');
      const record = streams.get(token);
      if (!record) throw invalidStream('The stream token is not valid.');
      if (record.revoked) throw invalidStream('The stream token has been revoked.');
      if (record.expiresMs <= nowMs) {
        throw invalidStream(
          'The stream token has expired. Request a new one with POST /stream/token.',
        );
      }
      if (record.trackId !== trackId) throw invalidStream('The stream token is for another track.');
    },
    expire(token, nowMs) {
      const record = access.get(token) ?? refresh.get(token) ?? streams.get(token);
      if (!record) return false;
      record.expiresMs = nowMs - 1;
      return true;
    },
    revoke(token) {
      const record = access.get(token) ?? refresh.get(token) ?? streams.get(token);
      if (!record) return false;
      record.revoked = true;
      return true;
    },
  };
}
