import { readJsonObject } from '../http/body.ts';
import type { Handler } from '../http/pipeline.ts';
import { SandboxApiError, badRequest, jsonReply } from '../http/reply.ts';
import { guarded } from './guard.ts';
import type { MusiqueRuntime } from './runtime.ts';

const externalIdShape = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** Token generate / test / revoke (`/api/integration/...`, shared by both profiles). */
export function tokenRoutes(rt: MusiqueRuntime): Record<string, Handler> {
  return {
    // No API token yet: the company token authorises this, so it is not rate-limited per token.
    'POST /api/integration/auth': async (ctx) => {
      const body = await readJsonObject(ctx.req, ctx.acceptBody);
      const { externalId, companyToken } = body;
      if (externalId === undefined || externalId === null || externalId === '')
        throw badRequest('externalId is required.');
      if (typeof externalId !== 'string' || !externalIdShape.test(externalId)) {
        throw badRequest(
          'externalId must be 1–100 letters, digits, or _ . : - (for example "store_001").',
        );
      }
      if (companyToken === undefined || companyToken === null || companyToken === '')
        throw badRequest('companyToken is required.');
      if (typeof companyToken !== 'string') throw badRequest('companyToken must be a string.');
      if (rt.state.health.database === 'down') {
        throw new SandboxApiError(
          503,
          'service_unavailable',
          'The Musique database is unavailable; try again later.',
        );
      }
      const record = rt.state.tokens.generate(externalId, companyToken);
      return jsonReply(200, { token: record.token, expires_at: null });
    },
    'POST /api/integration/test': guarded(rt, {}, (_ctx, token) =>
      jsonReply(200, {
        valid: true,
        externalId: token.externalId,
        userId: token.userId,
        permissions: token.permissions,
      }),
    ),
    'DELETE /api/integration/auth': guarded(rt, {}, (_ctx, token) => {
      rt.state.tokens.revoke(token.token);
      return jsonReply(200, { revoked: true, message: 'API token successfully revoked' });
    }),
  };
}
