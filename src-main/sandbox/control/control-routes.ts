import { isoAt } from '../clock.ts';
import { readJsonObject } from '../http/body.ts';
import { controlPrefix, type RequestContext, type ServiceName } from '../http/pipeline.ts';
import { SandboxApiError, badRequest, jsonReply, type Reply } from '../http/reply.ts';
import { createRouteTable } from '../http/route-table.ts';
import type { QueyeScope } from '../queye/accounts.ts';
import type { Permission } from '../musique/tokens.ts';
import type { SandboxControl } from './control.ts';
import { checkFault } from './faults.ts';

type Body = Record<string, unknown>;
type ControlHandler = (body: Body, ctx: RequestContext) => unknown;

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw badRequest(`${name} is required.`);
  return value;
}

function list<T extends string>(body: Body, name: string): T[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw badRequest(`${name} must be an array of strings.`);
  }
  return value as T[];
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The control surface over HTTP, under `/__control` on both listeners. Guards, since a browser
 * on the same machine can reach loopback: the caller must be on loopback, the Host header must
 * name loopback (defeats DNS rebinding), and a POST must say `Content-Type: application/json`
 * (so a web page cannot send one without a CORS preflight, which is never granted).
 */
export function controlHandler(
  control: SandboxControl,
  info: () => unknown,
): (ctx: RequestContext) => Promise<Reply> {
  const routes = createRouteTable<ControlHandler>();
  const table: Record<string, ControlHandler> = {
    'GET /': () => info(),
    'GET /state': () => info(),
    'GET /stores': () => ({ items: control.stores() }),
    'GET /clock': () => ({ now: control.now(), iso: isoAt(control.now()) }),
    'POST /clock/advance': (body) => {
      const ms = body.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
        throw badRequest('ms must be a number ≥ 0.');
      control.advance(ms);
      return { now: control.now(), iso: isoAt(control.now()) };
    },
    'GET /queye/approvals': () => ({ items: control.pendingApprovals() }),
    'POST /queye/approve': (body) => (control.approve(text(body, 'requestId')), { approved: true }),
    'POST /queye/lock': (body) => (
      control.lockUserKey(text(body, 'userKey'), { keepApprovals: body.keepApprovals === true }),
      { locked: true }
    ),
    'POST /queye/unlock': (body) => (
      control.unlockUserKey(text(body, 'userKey')),
      { locked: false }
    ),
    'POST /queye/users': (body) => {
      const scopes = list<QueyeScope>(body, 'scopes');
      return control.createQueyeUser({
        locked: body.locked === true,
        ...(scopes ? { scopes } : {}),
      });
    },
    'POST /queye/clients': (body) =>
      control.createQueyeClient(typeof body.name === 'string' ? body.name : undefined),
    'POST /queye/tokens': (body) => {
      const scopes = list<QueyeScope>(body, 'scopes');
      return control.issueQueyeTokens({
        ...(typeof body.userKey === 'string' ? { userKey: body.userKey } : {}),
        ...(typeof body.clientKey === 'string' ? { clientKey: body.clientKey } : {}),
        ...(scopes ? { scopes } : {}),
      });
    },
    'POST /queye/tracks': (body) => ({
      items: control.addTracks(typeof body.count === 'number' ? body.count : 1),
    }),
    'POST /tokens/expire': (body) => (control.expireToken(text(body, 'token')), { expired: true }),
    'POST /tokens/revoke': (body) => (control.revokeToken(text(body, 'token')), { revoked: true }),
    'POST /musique/tokens': (body) => {
      const permissions = list<Permission>(body, 'permissions');
      return control.issueMusiqueToken({
        externalId: text(body, 'externalId'),
        ...(permissions ? { permissions } : {}),
      });
    },
    'POST /musique/permissions': (body) => {
      control.setTokenPermissions(text(body, 'token'), list<Permission>(body, 'permissions') ?? []);
      return { updated: true };
    },
    'POST /musique/health': (body) => control.setHealth(body),
    'POST /musique/envelope': (body) => (
      control.setEnvelope(body.enabled === true),
      { envelope: body.enabled === true }
    ),
    'GET /ledger': () => ({ items: control.ledger(), duplicates: control.ledgerDuplicates() }),
    'GET /faults': () => ({ items: control.faults() }),
    'POST /faults': (body) => control.addFault(checkFault(body)),
    'DELETE /faults': () => (control.clearFaults(), { cleared: true }),
    'DELETE /faults/:id': (_body, ctx) => (control.clearFaults(ctx.params.id), { cleared: true }),
    'GET /requests': (_body, ctx) => {
      const service = ctx.query.get('service') as ServiceName | null;
      const pathPrefix = ctx.query.get('path');
      return {
        items: control.requests({
          ...(service ? { service } : {}),
          ...(pathPrefix ? { pathPrefix } : {}),
        }),
      };
    },
    'DELETE /requests': () => (control.clearRequests(), { cleared: true }),
    'POST /reset': async () => (await control.reset(), { reset: true }),
  };
  for (const [route, handler] of Object.entries(table)) {
    const [method, path = ''] = route.split(' ');
    routes.add(`${method} ${controlPrefix}${path === '/' ? '' : path}`, handler);
  }

  const fail = (error: SandboxApiError) =>
    jsonReply(error.status, { error: { code: error.code, message: error.message } }, error.headers);

  return async (ctx) => {
    const host = (ctx.req.headers.host ?? '').replace(/:\d+$/, '');
    if (
      !loopbackAddresses.has(ctx.req.socket.remoteAddress ?? '') ||
      !['127.0.0.1', 'localhost', '[::1]'].includes(host)
    ) {
      return fail(
        new SandboxApiError(403, 'forbidden', 'The control surface answers loopback callers only.'),
      );
    }
    const match = routes.match(ctx.method, ctx.path);
    if (match.kind !== 'found')
      return fail(
        new SandboxApiError(404, 'not_found', `No control route ${ctx.method} ${ctx.path}.`),
      );
    ctx.params = match.params;
    try {
      let body: Body = {};
      if (ctx.method === 'POST') {
        if (!/^application\/json/i.test(ctx.req.headers['content-type'] ?? '')) {
          throw new SandboxApiError(
            415,
            'unsupported_media_type',
            'Control POSTs need Content-Type: application/json.',
          );
        }
        body = await readJsonObject(ctx.req, ctx.acceptBody);
      }
      return jsonReply(200, (await match.handler(body, ctx)) ?? {});
    } catch (error) {
      if (error instanceof SandboxApiError) return fail(error);
      return fail(badRequest(error instanceof Error ? error.message : String(error)));
    }
  };
}
