import { SandboxApiError } from '../http/reply.ts';
import { randomAlphanumeric, randomHex } from '../ids.ts';

export type QueyeScope = 'library.read' | 'stream' | 'account';
export type GrantStatus = 'approved' | 'pending' | 'denied' | 'revoked';

export interface QueyeClient {
  id: string;
  key: string;
  name: string;
}

/** A user's decision about one client (app). */
export interface ClientGrant {
  clientId: string;
  status: GrantStatus;
  requestedMs: number;
  lastUsedMs: number | null;
  requestId: string;
}

export interface AccessLogEntry {
  atMs: number;
  clientId: string;
  action: string;
  requestId: string;
}

export interface QueyeUser {
  id: string;
  key: string;
  keyCreatedMs: number;
  keyLastUsedMs: number | null;
  locked: boolean;
  scopes: QueyeScope[];
  grants: Map<string, ClientGrant>;
  /** Newest last. */
  accessLog: AccessLogEntry[];
}

export const clientKeyShape = /^qm_client_([A-Za-z0-9]{8})_[A-Za-z0-9]{24}$/;
export const userKeyShape = /^qm_user_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}$/;

export function newQueyeKey(kind: 'client' | 'user'): string {
  return `qm_${kind}_${randomAlphanumeric(8)}_${randomAlphanumeric(24)}`;
}

/**
 * Queye's accounts: partner clients (apps) and users with their API keys, per-client approvals
 * and access logs. Exchanging a user key from a client the user has not approved — because the
 * key is locked, or the user denied or revoked that client — opens (or repeats) an approval
 * request, answered `403 approval_required` with its `apr_…` ID until the user approves it.
 */
export interface Accounts {
  clientByKey(key: string): QueyeClient | undefined;
  clientById(id: string): QueyeClient | undefined;
  addClient(name: string, key?: string): QueyeClient;
  userByKey(key: string): QueyeUser | undefined;
  userById(id: string): QueyeUser | undefined;
  addUser(options: {
    id: string;
    key: string;
    locked: boolean;
    scopes: QueyeScope[];
    createdMs: number;
  }): QueyeUser;
  /** Records the client as approved by the user (tokens issued by the control surface). */
  ensureApproved(user: QueyeUser, client: QueyeClient, nowMs: number): ClientGrant;
  /** Lets the exchange through or throws `approval_required`. */
  authorize(user: QueyeUser, client: QueyeClient, nowMs: number): ClientGrant;
  decide(
    user: QueyeUser,
    clientId: string,
    status: Exclude<GrantStatus, 'pending'>,
    nowMs: number,
    requestId: string,
  ): ClientGrant;
  /** Approves a pending request by its `apr_…` ID. */
  approveRequest(
    requestId: string,
    nowMs: number,
  ): { user: QueyeUser; grant: ClientGrant } | undefined;
  pendingRequests(): Array<{ requestId: string; userId: string; clientId: string }>;
  /** Issues a new key; the old one stops exchanging. */
  rotateKey(user: QueyeUser, nowMs: number): string;
  log(user: QueyeUser, entry: AccessLogEntry): void;
}

export function createAccounts(): Accounts {
  const clientsByKey = new Map<string, QueyeClient>();
  const clientsById = new Map<string, QueyeClient>();
  const usersByKey = new Map<string, QueyeUser>();
  const usersById = new Map<string, QueyeUser>();

  const accounts: Accounts = {
    clientByKey: (key) => clientsByKey.get(key),
    clientById: (id) => clientsById.get(id),
    addClient(name, key = newQueyeKey('client')) {
      const id = clientKeyShape.exec(key)?.[1];
      if (!id) throw new Error(`Malformed client key for ${name}`);
      const client = { id, key, name };
      clientsByKey.set(key, client);
      clientsById.set(id, client);
      return client;
    },
    userByKey: (key) => usersByKey.get(key),
    userById: (id) => usersById.get(id),
    addUser({ id, key, locked, scopes, createdMs }) {
      const user: QueyeUser = {
        id,
        key,
        keyCreatedMs: createdMs,
        keyLastUsedMs: null,
        locked,
        scopes: [...scopes],
        grants: new Map(),
        accessLog: [],
      };
      usersByKey.set(key, user);
      usersById.set(id, user);
      return user;
    },
    ensureApproved(user, client, nowMs) {
      const grant = user.grants.get(client.id);
      if (grant?.status === 'approved') return grant;
      const approved: ClientGrant = {
        clientId: client.id,
        status: 'approved',
        requestedMs: nowMs,
        lastUsedMs: null,
        requestId: grant?.requestId ?? `apr_${randomHex(16)}`,
      };
      user.grants.set(client.id, approved);
      return approved;
    },
    authorize(user, client, nowMs) {
      const grant = user.grants.get(client.id);
      if (grant?.status === 'approved') return grant;
      if (!grant && !user.locked) return accounts.ensureApproved(user, client, nowMs);
      let pending = grant;
      if (pending?.status !== 'pending') {
        pending = {
          clientId: client.id,
          status: 'pending',
          requestedMs: nowMs,
          lastUsedMs: null,
          requestId: `apr_${randomHex(16)}`,
        };
        user.grants.set(client.id, pending);
        accounts.log(user, {
          atMs: nowMs,
          clientId: client.id,
          action: 'approval_requested',
          requestId: pending.requestId,
        });
      }
      throw new SandboxApiError(
        403,
        'approval_required',
        `This user must approve "${client.name}" in their Queye account (API Access → Connected apps) before it can be used. Request ID: ${pending.requestId}.`,
        { details: { request_id: pending.requestId } },
      );
    },
    decide(user, clientId, status, nowMs, requestId) {
      const grant = user.grants.get(clientId);
      if (!grant)
        throw new SandboxApiError(404, 'not_found', `No client ${clientId} has asked for access.`);
      grant.status = status;
      accounts.log(user, { atMs: nowMs, clientId, action: `client_${status}`, requestId });
      return grant;
    },
    approveRequest(requestId, nowMs) {
      for (const user of usersById.values()) {
        for (const grant of user.grants.values()) {
          if (grant.requestId === requestId && grant.status === 'pending') {
            return {
              user,
              grant: accounts.decide(user, grant.clientId, 'approved', nowMs, requestId),
            };
          }
        }
      }
      return undefined;
    },
    pendingRequests() {
      const out: Array<{ requestId: string; userId: string; clientId: string }> = [];
      for (const user of usersById.values()) {
        for (const grant of user.grants.values()) {
          if (grant.status === 'pending')
            out.push({ requestId: grant.requestId, userId: user.id, clientId: grant.clientId });
        }
      }
      return out;
    },
    rotateKey(user, nowMs) {
      usersByKey.delete(user.key);
      user.key = newQueyeKey('user');
      user.keyCreatedMs = nowMs;
      user.keyLastUsedMs = null;
      usersByKey.set(user.key, user);
      return user.key;
    },
    log(user, entry) {
      user.accessLog.push(entry);
      // Bounded: a long benchmark must not grow memory without end.
      if (user.accessLog.length > 10_000) user.accessLog.splice(0, user.accessLog.length - 10_000);
    },
  };
  return accounts;
}
