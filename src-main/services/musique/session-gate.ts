/**
 * The two rules every Musique call with the token follows: a session must exist (and hold the
 * permission the call needs), and the outcome feeds the connection state — a `401` on the token
 * marks the session rejected. Handlers and the broadcast outbox take this instead of the account
 * store and the status service, so each rule is written once.
 */
import { createHash } from 'node:crypto';
import { appError, isAppError } from '../core/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { AccountStore, MusiqueSession } from './account.ts';
import { announcementLibraryCacheKey } from './announcement-library-cache.ts';
import type { ServiceStatus } from './service-status.ts';

export interface SessionGate {
  /** The session in use, or a "connect first" error. */
  session(): MusiqueSession;
  /** Refuses early (no request) when the last test says the token lacks `permission`. */
  require(session: MusiqueSession, permission: string): void;
  /** Runs a call with the session's token, feeding its outcome to the connection state. */
  guard<T>(session: MusiqueSession, work: () => Promise<T>): Promise<T>;
}

export interface SessionGateDeps {
  account: Pick<AccountStore, 'session' | 'markRejected'>;
  status: Pick<ServiceStatus, 'record'>;
  log: Logger;
}

export function createSessionGate({ account, status, log }: SessionGateDeps): SessionGate {
  return {
    session() {
      const session = account.session();
      if (!session) {
        throw appError('not_connected', 'No Musique account is connected.', {
          action: 'Paste an API token or generate one in Settings → Musique.',
        });
      }
      return session;
    },
    require(session, permission) {
      if (!session.facts.testedAt || session.facts.permissions.includes(permission)) return;
      throw appError(
        'missing_permission',
        `This API token lacks the ${permission} permission, so Musique would refuse this.`,
        {
          action:
            'Test the token in Settings → Musique to refresh its permissions, or ask Musique support to grant this one.',
        },
      );
    },
    async guard(session, work) {
      try {
        const value = await work();
        status.record();
        return value;
      } catch (error) {
        if (isAppError(error)) {
          const { code, status: httpStatus, requestId } = error.shape;
          log.info({ code, status: httpStatus, requestId }, 'musique call failed');
          if (code.startsWith('token_') && httpStatus === 401)
            account.markRejected(session, error.shape);
          status.record(error.shape);
        }
        throw error;
      }
    },
  };
}

/** Which cached announcement library belongs to a session (undefined: none). */
export function sessionLibraryKey(session: MusiqueSession | undefined): string | undefined {
  if (!session) return undefined;
  const { externalId, userId } = session.facts;
  if (externalId) return announcementLibraryCacheKey(session.routes.root, externalId);
  // API.md asks for tolerant reading: a test answer may leave the External ID out. The
  // account is then named by its numeric user ID, else by a one-way fingerprint of the
  // token — never the token itself — so the library still opens and caches.
  if (userId !== undefined)
    return announcementLibraryCacheKey(session.routes.root, `user:${userId}`);
  return announcementLibraryCacheKey(
    session.routes.root,
    `token:${createHash('sha256').update(session.token).digest('hex')}`,
  );
}
