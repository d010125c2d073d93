import { describe, expect, it } from 'vitest';
import { fetchJson, musiqueHeaders, useSandbox } from '../../support/sandbox.ts';

type ErrorBody = { error: { code: string; message: string; type: string } };

const sandbox = useSandbox();
const origin = () => sandbox().musique.origin;
const v1 = () => sandbox().musique.v1BaseUrl;

const generate = (
  externalId: unknown,
  companyToken: unknown = sandbox().credentials.musiqueCompanyToken,
) =>
  fetchJson<{ token: string } & ErrorBody>(`${origin()}/api/integration/auth`, {
    json: { externalId, companyToken },
  });

describe('X-API-Key checks', () => {
  it('gives each way a key can be wrong its own 401 message', async () => {
    const demo = sandbox().credentials.musiqueApiToken;
    const revoked = sandbox().control.issueMusiqueToken({ externalId: 'revoked_one' }).token;
    sandbox().control.revokeToken(revoked);
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'Missing X-API-Key header.'],
      [
        { authorization: `Bearer ${demo}` },
        'Missing X-API-Key header. The token goes in the X-API-Key header, not Authorization.',
      ],
      [
        { 'x-api-key': `${demo.slice(0, 12)} ${demo.slice(12)}` },
        'The API token contains whitespace or line breaks; paste it again without them.',
      ],
      [
        { 'x-api-key': 'not-a-token' },
        'Malformed API token: expected {companyPrefix}_{environment}_{hash}.',
      ],
      [
        { 'x-api-key': demo.replace('_test_', '_prod_') },
        'This API token is for the "prod" environment; this server is "test".',
      ],
      [{ 'x-api-key': 'demo_test_0000' }, 'Invalid API token.'],
      [{ 'x-api-key': revoked }, 'This API token has been revoked; generate a new one.'],
    ];
    for (const [headers, message] of cases) {
      const { status, body, headers: answer } = await fetchJson(`${v1()}/audio`, { headers });
      expect({ status, body }).toEqual({
        status: 401,
        body: { error: { code: 'invalid_token', message, type: 'authentication_error' } },
      });
      expect(answer.get('x-request-id')).toMatch(/^req_/);
      // No valid token, nothing to count: no rate-limit headers.
      expect(answer.get('x-ratelimit-limit')).toBeNull();
    }
  });
});

describe('token generation', () => {
  it('maps a store External ID to that store user, one live token per External ID', async () => {
    const store = sandbox().stores[4]!;
    const first = await generate(store.externalId);
    expect(first.status).toBe(200);
    const test = await fetchJson(`${origin()}/api/integration/test`, {
      method: 'POST',
      headers: musiqueHeaders(sandbox(), first.body.token),
    });
    expect(test.body).toMatchObject({
      valid: true,
      externalId: store.externalId,
      userId: store.userId,
    });
    const again = await generate(store.externalId);
    expect(again).toMatchObject({
      status: 409,
      body: { error: { code: 'external_id_in_use', type: 'conflict_error' } },
    });
    await fetch(`${origin()}/api/integration/auth`, {
      method: 'DELETE',
      headers: musiqueHeaders(sandbox(), first.body.token),
    });
    expect((await generate(store.externalId)).status).toBe(200);
  });

  it('validates the body', async () => {
    const cases: Array<[unknown, unknown, string]> = [
      [undefined, 'x', 'externalId is required.'],
      [
        'has space',
        'x',
        'externalId must be 1–100 letters, digits, or _ . : - (for example "store_001").',
      ],
      [42, 'x', 'externalId must be 1–100 letters, digits, or _ . : - (for example "store_001").'],
      ['store_x', null, 'companyToken is required.'],
      ['store_x', 7, 'companyToken must be a string.'],
    ];
    for (const [externalId, companyToken, message] of cases) {
      const { status, body } = await generate(externalId, companyToken);
      expect({ status, body }).toEqual({
        status: 400,
        body: { error: { code: 'invalid_request', message, type: 'invalid_request_error' } },
      });
    }
  });

  it('issues tokens for the demo company prefix and environment', async () => {
    const { body } = await generate('pos_terminal_7');
    expect(body.token).toMatch(/^demo_test_[0-9a-f]{32}$/);
    expect(sandbox().credentials.musiqueApiToken).toMatch(/^demo_test_[0-9a-f]{32}$/);
  });
});

describe('permissions', () => {
  it('answers 403 insufficient_permissions for each missing permission', async () => {
    const { token } = sandbox().control.issueMusiqueToken({
      externalId: 'read_only',
      permissions: ['audio.read'],
    });
    const headers = musiqueHeaders(sandbox(), token);
    const [audio] = (
      await fetchJson<{ items: Array<{ id: string }> }>(`${v1()}/audio`, { headers })
    ).body.items;
    const calls: Array<[string, string, string, RequestInit]> = [
      ['POST', `${v1()}/audio`, 'audio.write', { body: new FormData() }],
      ['DELETE', `${v1()}/audio/${audio!.id}`, 'audio.delete', {}],
      ['POST', `${v1()}/audio/${audio!.id}/send`, 'audio.send', {}],
    ];
    for (const [method, target, permission, init] of calls) {
      const { status, body } = await fetchJson(target, { method, headers, ...init });
      expect({ status, body }).toEqual({
        status: 403,
        body: {
          error: {
            code: 'insufficient_permissions',
            message: `This API token lacks the ${permission} permission.`,
            type: 'permission_error',
          },
        },
      });
    }
    sandbox().control.setTokenPermissions(token, ['audio.read', 'audio.send']);
    const test = await fetchJson(`${origin()}/api/integration/test`, { method: 'POST', headers });
    expect(test.body.permissions).toEqual(['audio.read', 'audio.send']);
    const sent = await fetchJson(`${v1()}/audio/${audio!.id}/send`, {
      headers,
      json: { externalIds: [sandbox().stores[0]!.externalId] },
    });
    expect(sent.status).toBe(200);
    expect(() => sandbox().control.setTokenPermissions(token, ['audio.fly' as never])).toThrow(
      /Unknown permission/,
    );
  });
});
