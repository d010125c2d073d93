import { isoAt } from '../clock.ts';
import type { Handler, RequestContext } from '../http/pipeline.ts';
import { badRequest, jsonReply } from '../http/reply.ts';
import type { ClientGrant, GrantStatus } from './accounts.ts';
import { requireClient, requireSession } from './guards.ts';
import { decodeCursor, encodeCursor, parseLimit } from './paging.ts';
import type { QueyeRuntime } from './runtime.ts';

const orNull = (ms: number | null) => (ms === null ? null : isoAt(ms));

export function userRoutes(rt: QueyeRuntime): Record<string, Handler> {
  /** The user behind a bearer token carrying the `account` scope. */
  const accountHolder = (ctx: RequestContext) => {
    const client = requireClient(ctx, rt.state);
    return { client, user: requireSession(ctx, rt.state, client, 'account', rt.clock.now()).user };
  };

  const clientJson = (grant: ClientGrant) => ({
    client_id: grant.clientId,
    name: rt.state.accounts.clientById(grant.clientId)?.name ?? grant.clientId,
    status: grant.status,
    requested_at: isoAt(grant.requestedMs),
    last_used_at: orNull(grant.lastUsedMs),
    request_id: grant.requestId,
  });

  const decision =
    (status: Exclude<GrantStatus, 'pending'>): Handler =>
    (ctx) => {
      const { user } = accountHolder(ctx);
      const clientId = ctx.params.clientId ?? '';
      const grant = rt.state.accounts.decide(user, clientId, status, rt.clock.now(), ctx.requestId);
      // Revoking (or denying) a client ends its sessions for this user at once.
      if (status !== 'approved') rt.state.tokens.revokeSessionsOf(user.id, clientId);
      return jsonReply(200, clientJson(grant));
    };

  return {
    'GET /v1/user/api-key': (ctx) => {
      const { user } = accountHolder(ctx);
      return jsonReply(200, {
        key_hint: `qm_user_…${user.key.slice(-4)}`,
        created_at: isoAt(user.keyCreatedMs),
        last_used_at: orNull(user.keyLastUsedMs),
        locked: user.locked,
      });
    },
    'POST /v1/user/api-key/rotate': (ctx) => {
      const { user, client } = accountHolder(ctx);
      const now = rt.clock.now();
      const key = rt.state.accounts.rotateKey(user, now);
      rt.state.accounts.log(user, {
        atMs: now,
        clientId: client.id,
        action: 'api_key_rotated',
        requestId: ctx.requestId,
      });
      return jsonReply(200, { user_api_key: key });
    },
    'POST /v1/user/api-key/lock': (ctx) => {
      const { user, client } = accountHolder(ctx);
      user.locked = true;
      rt.state.accounts.log(user, {
        atMs: rt.clock.now(),
        clientId: client.id,
        action: 'api_key_locked',
        requestId: ctx.requestId,
      });
      return jsonReply(200, { locked: true });
    },
    'GET /v1/user/clients': (ctx) => {
      const { user } = accountHolder(ctx);
      return jsonReply(200, { items: [...user.grants.values()].map(clientJson) });
    },
    'POST /v1/user/clients/:clientId/approve': decision('approved'),
    'POST /v1/user/clients/:clientId/deny': decision('denied'),
    'POST /v1/user/clients/:clientId/revoke': decision('revoked'),
    'GET /v1/user/access-log': (ctx) => {
      const { user } = accountHolder(ctx);
      const { cursorSecret } = rt.state;
      const listing = `access-log:${user.id}`;
      const limit = parseLimit(ctx.query);
      // Newest first; the cursor holds an absolute position, so events logged while a client
      // pages through do not shift what it has still to read.
      const [before = user.accessLog.length] =
        decodeCursor(cursorSecret, listing, ctx.query.get('cursor'), 1) ?? [];
      if (!Number.isInteger(before) || before < 0 || before > user.accessLog.length)
        throw badRequest('Malformed cursor.');
      const from = Math.max(0, before - limit);
      const items = user.accessLog.slice(from, before).reverse();
      return jsonReply(200, {
        items: items.map((entry) => ({
          at: isoAt(entry.atMs),
          client_id: entry.clientId,
          client_name: rt.state.accounts.clientById(entry.clientId)?.name ?? entry.clientId,
          action: entry.action,
          request_id: entry.requestId,
        })),
        next_cursor: from > 0 ? encodeCursor(cursorSecret, listing, [from]) : null,
      });
    },
  };
}
