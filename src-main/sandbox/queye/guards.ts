import type { RequestContext } from '../http/pipeline.ts';
import { SandboxApiError } from '../http/reply.ts';
import { clientKeyShape, type QueyeClient, type QueyeScope, type QueyeUser } from './accounts.ts';
import type { Session } from './tokens.ts';
import type { SandboxQueyeState } from './state.ts';

/** `X-Queye-Client-Key`, required on every endpoint but health and the stream itself. */
export function requireClient(ctx: RequestContext, state: SandboxQueyeState): QueyeClient {
  const key = ctx.req.headers['x-queye-client-key'];
  if (typeof key !== 'string' || key === '') {
    throw new SandboxApiError(401, 'missing_client_key', 'Missing X-Queye-Client-Key header.');
  }
  if (!clientKeyShape.test(key)) {
    throw new SandboxApiError(
      401,
      'invalid_client_key',
      'Invalid client key: expected qm_client_<8>_<24>.',
    );
  }
  const client = state.accounts.clientByKey(key);
  if (!client) throw new SandboxApiError(401, 'invalid_client_key', 'Invalid client key.');
  return client;
}

/** A valid bearer token of this client, whose session holds `scope`. */
export function requireSession(
  ctx: RequestContext,
  state: SandboxQueyeState,
  client: QueyeClient,
  scope: QueyeScope | undefined,
  nowMs: number,
): { session: Session; user: QueyeUser } {
  const header = ctx.req.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new SandboxApiError(
      401,
      'missing_access_token',
      'Missing access token: send Authorization: Bearer <access_token>.',
    );
  }
  const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
  if (!token) {
    throw new SandboxApiError(
      401,
      'invalid_access_token',
      'The Authorization header must be "Bearer <access_token>".',
    );
  }
  const session = state.tokens.checkAccess(client, token, nowMs);
  const user = state.accounts.userById(session.userId);
  if (!user)
    throw new SandboxApiError(401, 'invalid_access_token', 'The access token is not valid.');
  if (scope && !session.scopes.includes(scope)) {
    throw new SandboxApiError(
      403,
      'insufficient_scope',
      `This token lacks the "${scope}" scope needed here.`,
    );
  }
  const grant = user.grants.get(client.id);
  if (grant) grant.lastUsedMs = nowMs;
  return { session, user };
}
