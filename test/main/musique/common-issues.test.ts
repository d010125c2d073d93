import { describe, expect, it } from 'vitest';
import {
  describeMusique,
  refineTokenFailure,
} from '../../../src-main/services/musique/describe-errors.ts';
import { UpstreamError, type FailureInfo } from '../../../src-main/services/http/upstream-error.ts';
import {
  fetchJson,
  musiqueHeaders,
  useSandbox,
  type SandboxHandle,
} from '../../support/sandbox.ts';

/**
 * The seed's "Common issues" (002), each provoked at the sandbox exactly as a client would meet
 * it, then put into words by the app: every cause gets a message of its own, with what to do.
 * (The app itself trims pasted tokens, so whitespace and header problems are sent raw here.)
 */
const sandbox = useSandbox();

type Provoke = (sb: SandboxHandle) => Promise<{ status: number; body: unknown }>;

const testToken = (sb: SandboxHandle, headers: Record<string, string>) =>
  fetchJson(`${sb.musique.origin}/api/integration/test`, { method: 'POST', headers });
const generate = (sb: SandboxHandle, externalId: string, companyToken: string) =>
  fetchJson(`${sb.musique.origin}/api/integration/auth`, { json: { externalId, companyToken } });

const causes: Array<{ cause: string; provoke: Provoke; code?: string; says: RegExp }> = [
  {
    cause: 'token was revoked',
    provoke: (sb) => {
      const { token } = sb.control.issueMusiqueToken({ externalId: 'issue_revoked' });
      sb.control.revokeToken(token);
      return testToken(sb, { 'x-api-key': token });
    },
    code: 'token_revoked',
    says: /revoked/,
  },
  {
    cause: 'incorrect header name (must be X-API-Key)',
    provoke: (sb) => testToken(sb, { authorization: `Bearer ${sb.credentials.musiqueApiToken}` }),
    code: 'token_missing_header',
    says: /X-API-Key header was missing/,
  },
  {
    cause: 'token has whitespace or line breaks',
    provoke: (sb) => {
      const token = sb.credentials.musiqueApiToken;
      return testToken(sb, { 'x-api-key': `${token.slice(0, 12)} ${token.slice(12)}` });
    },
    code: 'token_whitespace',
    says: /spaces or line breaks/,
  },
  {
    cause: 'token is for the wrong environment',
    provoke: (sb) =>
      testToken(sb, {
        'x-api-key': sb.credentials.musiqueApiToken.replace('_test_', '_prod_'),
      }),
    code: 'token_wrong_environment',
    says: /different Musique environment/,
  },
  {
    cause: 'token is not a token at all',
    provoke: (sb) => testToken(sb, { 'x-api-key': 'not-a-token' }),
    code: 'token_malformed',
    says: /does not recognise this as an API token/,
  },
  {
    cause: 'token is unknown to Musique',
    provoke: (sb) => testToken(sb, { 'x-api-key': 'demo_test_0123456789abcdef' }),
    code: 'token_rejected',
    says: /did not accept this API token/,
  },
  {
    cause: 'invalid company token',
    provoke: (sb) => generate(sb, 'issue_company', 'comp_notTheRightOne'),
    says: /did not accept the company token/,
  },
  {
    cause: 'External ID already in use',
    provoke: (sb) =>
      generate(sb, sb.credentials.musiqueExternalId, sb.credentials.musiqueCompanyToken),
    says: /External ID already has a live API token/,
  },
  {
    cause: 'token does not have the required permission',
    provoke: (sb) => {
      const { token } = sb.control.issueMusiqueToken({
        externalId: 'issue_readonly',
        permissions: ['audio.read'],
      });
      return fetchJson(`${sb.musique.v1BaseUrl}/audio/aud_any`, {
        method: 'DELETE',
        headers: musiqueHeaders(sb, token),
      });
    },
    says: /lacks the audio\.delete permission/,
  },
  {
    cause: 'account not set up for Partner API access',
    provoke: async (sb) => {
      sb.control.addFault({
        kind: 'status',
        status: 403,
        code: 'partner_access_disabled',
        message: 'This account is not set up for Partner API access.',
        path: '/api/v1/integration',
        times: 1,
      });
      return fetchJson(sb.musique.v1BaseUrl, { headers: musiqueHeaders(sb) });
    },
    says: /Musique refused this: This account is not set up for Partner API access\./,
  },
];

async function failureOf(provoke: Provoke): Promise<FailureInfo> {
  const { status, body } = await provoke(sandbox());
  const error = (body as { error: { code: string; message: string } }).error;
  return { service: 'musique', status, code: error.code, upstreamMessage: error.message };
}

describe('the seed’s common issues', () => {
  it.each(causes)('$cause gets its own message', async ({ provoke, code, says }) => {
    const info = await failureOf(provoke);
    const words = describeMusique(info);
    expect(words?.message).toMatch(says);
    expect(words?.action).toMatch(/\S/);
    if (code) {
      const refined = refineTokenFailure(new UpstreamError(info, words!)) as UpstreamError;
      expect(refined.code).toBe(code);
      expect(refined.shape.message).toBe(words?.message);
    }
  });

  it('never words two causes alike', async () => {
    const messages: string[] = [];
    for (const { provoke } of causes)
      messages.push(describeMusique(await failureOf(provoke))!.message);
    expect(new Set(messages).size).toBe(causes.length);
  });
});
