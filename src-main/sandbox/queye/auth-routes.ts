import { readJsonObject } from '../http/body.ts';
import type { Handler, RequestContext } from '../http/pipeline.ts';
import { SandboxApiError, badRequest, jsonReply } from '../http/reply.ts';
import { userKeyShape, type QueyeUser } from './accounts.ts';
import { requireClient, requireSession } from './guards.ts';
import type { QueyeRuntime } from './runtime.ts';
import type { TokenGrant } from './tokens.ts';

function tokensJson(issued: TokenGrant, user: QueyeUser): Record<string, unknown> {
  return {
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
    scope: issued.session.scopes,
    user: { id: user.id },
  };
}

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === '')
    throw badRequest(`${name} is required.`);
  if (typeof value !== 'string') throw badRequest(`${name} must be a string.`);
  return value;
}

const invalidUserKey = () => new SandboxApiError(401, 'invalid_user_key', 'Invalid user API key');

export function authRoutes(rt: QueyeRuntime): Record<string, Handler> {
  return {
    'POST /v1/auth/exchange': async (ctx: RequestContext) => {
      const { state, clock } = rt;
      const client = requireClient(ctx, state);
      const key = stringField(await readJsonObject(ctx.req, ctx.acceptBody), 'user_api_key');
      if (!userKeyShape.test(key)) throw invalidUserKey();
      const user = state.accounts.userByKey(key);
      if (!user) throw invalidUserKey();
      const now = clock.now();
      const grant = state.accounts.authorize(user, client, now);
      user.keyLastUsedMs = now;
      grant.lastUsedMs = now;
      const issued = state.tokens.open(user, client, user.scopes, now);
      state.accounts.log(user, {
        atMs: now,
        clientId: client.id,
        action: 'token_exchange',
        requestId: ctx.requestId,
      });
      return jsonReply(200, tokensJson(issued, user));
    },
    'POST /v1/auth/refresh': async (ctx) => {
      const { state, clock } = rt;
      const client = requireClient(ctx, state);
      const token = stringField(await readJsonObject(ctx.req, ctx.acceptBody), 'refresh_token');
      const now = clock.now();
      const issued = state.tokens.refresh(client, token, now);
      const user = state.accounts.userById(issued.session.userId);
      if (!user)
        throw new SandboxApiError(401, 'invalid_refresh_token', 'The refresh token is not valid.');
      state.accounts.log(user, {
        atMs: now,
        clientId: client.id,
        action: 'token_refresh',
        requestId: ctx.requestId,
      });
      return jsonReply(200, tokensJson(issued, user));
    },
    'POST /v1/auth/revoke': (ctx) => {
      const { state, clock } = rt;
      const client = requireClient(ctx, state);
      const { session, user } = requireSession(ctx, state, client, undefined, clock.now());
      state.tokens.revokeSession(session.id);
      state.accounts.log(user, {
        atMs: clock.now(),
        clientId: client.id,
        action: 'token_revoke',
        requestId: ctx.requestId,
      });
      return jsonReply(200, { revoked: true });
    },
  };
}
