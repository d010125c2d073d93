import type {
  QueyeAccessLogPage,
  QueyeClientInfo,
  QueyeKeyInfo,
  QueyeRotatedKey,
} from '../../../src-preload/contract/schemas/queye.ts';
import { clientIdOf } from '../../../src-preload/contract/schemas/queye.ts';
import { appError } from '../core/errors.ts';
import { maskSecret } from '../vault/mask.ts';
import type { QueyeConnection } from './queye-connection.ts';

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const object = (value: unknown): Json =>
  value && typeof value === 'object' ? (value as Json) : {};

/** A list under `items` (ours), `data`, `clients`, or bare. */
function listOf(data: unknown, key: string): unknown[] {
  if (Array.isArray(data)) return data;
  const body = object(data);
  for (const name of ['items', key, 'data']) {
    const value = body[name];
    if (Array.isArray(value)) return value;
  }
  return [];
}

function keyInfoOf(data: unknown): QueyeKeyInfo {
  const body = object(data);
  return {
    keyHint: text(body.key_hint) ?? text(body.keyHint) ?? '…',
    createdAt: text(body.created_at) ?? text(body.createdAt),
    lastUsedAt: text(body.last_used_at) ?? text(body.lastUsedAt),
    locked: body.locked === true,
  };
}

export interface AccountSecurity {
  keyInfo(): Promise<QueyeKeyInfo>;
  /** A new user key; main keeps it, the caller only sees its hint. */
  rotate(): Promise<QueyeRotatedKey>;
  lock(): Promise<QueyeKeyInfo>;
  clients(): Promise<QueyeClientInfo[]>;
  decide(clientId: string, decision: 'approve' | 'deny' | 'revoke'): Promise<QueyeClientInfo>;
  accessLog(cursor?: string): Promise<QueyeAccessLogPage>;
}

export interface AccountSecurityDeps {
  connection: Pick<QueyeConnection, 'request'>;
  /** The client key in use, to mark this app in the list of connected apps. */
  clientKey: () => Promise<string | undefined>;
  /** Keeps a rotated key in main (vault or demo memory); it never reaches the renderer. */
  storeRotatedKey: (key: string) => Promise<unknown>;
}

/**
 * Queye's user-side management (`/user/*`): the key, connected apps and the access log. These
 * need the `account` scope; without it Queye answers `403 insufficient_scope`, which reaches
 * the user worded by the Queye catalogue.
 */
export function createAccountSecurity(options: AccountSecurityDeps): AccountSecurity {
  const { connection } = options;
  const clientOf = async (item: unknown): Promise<QueyeClientInfo> => {
    const raw = object(item);
    const clientId = text(raw.client_id) ?? text(raw.clientId) ?? text(raw.id) ?? '';
    const ours = clientIdOf((await options.clientKey()) ?? '');
    return {
      clientId,
      name: text(raw.name) ?? clientId,
      status: text(raw.status) ?? 'unknown',
      requestedAt: text(raw.requested_at) ?? text(raw.requestedAt),
      lastUsedAt: text(raw.last_used_at) ?? text(raw.lastUsedAt),
      requestId: text(raw.request_id) ?? text(raw.requestId),
      current: ours !== undefined && ours === clientId,
    };
  };

  const keyInfo = async (): Promise<QueyeKeyInfo> =>
    keyInfoOf((await connection.request({ path: '/user/api-key' })).data);

  return {
    keyInfo,
    async rotate() {
      const { data, requestId } = await connection.request({
        method: 'POST',
        path: '/user/api-key/rotate',
        idempotent: false,
      });
      const body = object(data);
      const key = text(body.user_api_key) ?? text(body.userApiKey) ?? text(body.key);
      if (!key) {
        throw appError(
          'malformed_response',
          'Queye rotated the key but its answer held no new key.',
          {
            service: 'queye',
            action: 'Open API Access in your Queye account to see the new key.',
            requestId,
          },
        );
      }
      await options.storeRotatedKey(key);
      return { hint: maskSecret(key) };
    },
    async lock() {
      await connection.request({ method: 'POST', path: '/user/api-key/lock', idempotent: false });
      return keyInfo();
    },
    async clients() {
      const { data } = await connection.request({ path: '/user/clients' });
      return Promise.all(listOf(data, 'clients').map(clientOf));
    },
    async decide(clientId, decision) {
      const { data } = await connection.request({
        method: 'POST',
        path: `/user/clients/${encodeURIComponent(clientId)}/${decision}`,
        idempotent: false,
      });
      return clientOf(data);
    },
    async accessLog(cursor) {
      const { data } = await connection.request({
        path: '/user/access-log',
        query: { limit: 50, cursor },
      });
      const items = listOf(data, 'entries').map((item) => {
        const raw = object(item);
        return {
          at: text(raw.at) ?? text(raw.timestamp),
          clientId: text(raw.client_id) ?? text(raw.clientId),
          clientName: text(raw.client_name) ?? text(raw.clientName),
          action: text(raw.action) ?? 'unknown',
          requestId: text(raw.request_id) ?? text(raw.requestId),
        };
      });
      const next = text(object(data).next_cursor) ?? text(object(data).nextCursor);
      return { items, ...(next ? { nextCursor: next } : {}) };
    },
  };
}
