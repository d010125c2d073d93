import type { QueyeTestResult } from '../../../src-preload/contract/schemas/queye.ts';
import type { Redactor } from '../log/redactor.ts';
import type { QueyeAuthApi } from './queye-api.ts';
import type { QueyeCredentials } from './sign-in-keys.ts';
import { approvalRequestId, isApprovalRequired } from './sign-in-errors.ts';

/** "Test" in Settings: whether keys work, without signing in with them. */
export interface CredentialCheck {
  test(credentials: QueyeCredentials): Promise<QueyeTestResult>;
}

export interface CredentialCheckDeps {
  auth: Pick<QueyeAuthApi, 'health' | 'exchange' | 'revoke'>;
  redactor: Pick<Redactor, 'add'>;
}

export function createCredentialCheck({ auth, redactor }: CredentialCheckDeps): CredentialCheck {
  return {
    async test(creds) {
      const health = await auth.health(creds.baseUrl);
      try {
        const tokens = await auth.exchange(creds.baseUrl, creds.clientKey, creds.userKey);
        redactor.add(tokens.accessToken);
        redactor.add(tokens.refreshToken);
        // A test must not leave a live session behind.
        await auth
          .revoke(creds.baseUrl, creds.clientKey, tokens.accessToken)
          .catch(() => undefined);
        return { health, exchange: { ok: true, userId: tokens.userId, scopes: tokens.scopes } };
      } catch (error) {
        if (isApprovalRequired(error))
          return { health, exchange: { ok: false, approvalRequestId: approvalRequestId(error) } };
        throw error;
      }
    },
  };
}
