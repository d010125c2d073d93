import { describe, expect, it } from 'vitest';
import { fetchJson, queyeHeaders, useSandbox, withSandbox } from '../../support/sandbox.ts';

type ErrorBody = { error: { code: string; message: string; request_id?: string } };
type Tokens = {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: { id: string };
};

const sandbox = useSandbox();
const url = (path: string) => `${sandbox().queye.baseUrl}${path}`;

async function exchange(userKey = sandbox().credentials.queyeUserKey, clientKey?: string) {
  return fetchJson<Tokens & ErrorBody>(url('/auth/exchange'), {
    headers: { 'x-queye-client-key': clientKey ?? sandbox().credentials.queyeClientKey },
    json: { user_api_key: userKey },
  });
}

const summary = (token: string, clientKey?: string) =>
  fetchJson<ErrorBody>(url('/library/summary'), {
    headers: {
      ...queyeHeaders(sandbox(), token),
      ...(clientKey ? { 'x-queye-client-key': clientKey } : {}),
    },
  });

describe('Queye client keys', () => {
  it('tells a missing, malformed and unknown client key apart', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{}, 'missing_client_key', 'Missing X-Queye-Client-Key header.'],
      [
        { 'x-queye-client-key': 'qm_client_short' },
        'invalid_client_key',
        'Invalid client key: expected qm_client_<8>_<24>.',
      ],
      [
        { 'x-queye-client-key': 'qm_client_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBB' },
        'invalid_client_key',
        'Invalid client key.',
      ],
    ];
    for (const [headers, code, message] of cases) {
      const { status, body } = await fetchJson(url('/auth/exchange'), {
        headers,
        json: { user_api_key: sandbox().credentials.queyeUserKey },
      });
      expect({ status, body }).toEqual({ status: 401, body: { error: { code, message } } });
    }
  });
});

describe('Queye over plain HTTP', () => {
  it('answers 400 https_required on every endpoint to a request forwarded over plain HTTP', async () => {
    const { accessToken } = sandbox().control.issueQueyeTokens();
    const plain = { 'x-forwarded-proto': 'http' };
    const requests: Array<[string, RequestInit]> = [
      ['/health', { headers: plain }],
      [
        '/auth/exchange',
        {
          method: 'POST',
          headers: { ...queyeHeaders(sandbox()), ...plain, 'content-type': 'application/json' },
          body: JSON.stringify({ user_api_key: sandbox().credentials.queyeUserKey }),
        },
      ],
      ['/library/tracks', { headers: { ...queyeHeaders(sandbox(), accessToken), ...plain } }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(url(path), init);
      expect({ path, status: response.status, body: (await response.json()) as unknown }).toEqual({
        path,
        status: 400,
        body: {
          error: { code: 'https_required', message: 'HTTPS is required on every endpoint.' },
        },
      });
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    }
    const forwardedSecurely = await fetch(url('/library/tracks?limit=1'), {
      headers: { ...queyeHeaders(sandbox(), accessToken), 'x-forwarded-proto': 'https' },
    });
    expect(forwardedSecurely.status).toBe(200);
    expect((await fetch(url('/health'))).status).toBe(200);
  });
});

describe('Queye exchange', () => {
  it('refuses malformed, unknown and missing user keys and non-JSON bodies', async () => {
    for (const key of [
      'qm_user_short',
      'qm_user_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBB',
      ` ${sandbox().credentials.queyeUserKey}x`,
    ]) {
      const { status, body } = await exchange(key);
      expect({ status, body }).toEqual({
        status: 401,
        body: { error: { code: 'invalid_user_key', message: 'Invalid user API key' } },
      });
    }
    const missing = await fetchJson(url('/auth/exchange'), {
      headers: queyeHeaders(sandbox()),
      json: {},
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', message: 'user_api_key is required.' } },
    });
    const text = await fetchJson(url('/auth/exchange'), {
      method: 'POST',
      headers: { ...queyeHeaders(sandbox()), 'content-type': 'text/plain' },
      body: JSON.stringify({ user_api_key: sandbox().credentials.queyeUserKey }),
    });
    expect(text).toMatchObject({
      status: 400,
      body: {
        error: { code: 'invalid_request', message: 'Content-Type must be application/json.' },
      },
    });
    const broken = await fetchJson<ErrorBody>(url('/auth/exchange'), {
      method: 'POST',
      headers: { ...queyeHeaders(sandbox()), 'content-type': 'application/json' },
      body: '{"user_api_key":',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^The request body is not valid JSON/);
  });

  it('expires access tokens on the sandbox clock after expires_in', async () => {
    const { body } = await exchange();
    expect((await summary(body.access_token)).status).toBe(200);
    sandbox().control.advance(3599_000);
    expect((await summary(body.access_token)).status).toBe(200);
    sandbox().control.advance(1_000);
    const expired = await summary(body.access_token);
    expect(expired).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'invalid_access_token',
          message: 'The access token has expired. Refresh it and try again.',
        },
      },
    });
  });

  it('uses the configured access-token lifetime', async () => {
    await withSandbox(
      async (small) => {
        const { body } = await fetchJson<Tokens>(`${small.queye.baseUrl}/auth/exchange`, {
          headers: queyeHeaders(small),
          json: { user_api_key: small.credentials.queyeUserKey },
        });
        expect(body.expires_in).toBe(60);
        small.control.advance(60_000);
        const late = await fetchJson(`${small.queye.baseUrl}/library/summary`, {
          headers: queyeHeaders(small, body.access_token),
        });
        expect(late.status).toBe(401);
      },
      { accessTokenTtlSec: 60 },
    );
  });

  it('refuses missing, garbled, wrong-scheme and other-client bearers', async () => {
    const noBearer = await fetchJson(url('/library/summary'), { headers: queyeHeaders(sandbox()) });
    expect(noBearer).toMatchObject({
      status: 401,
      body: { error: { code: 'missing_access_token' } },
    });
    const garbled = await summary('qat_nonsense');
    expect(garbled).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_access_token', message: 'The access token is not valid.' } },
    });
    const basic = await fetchJson(url('/library/summary'), {
      headers: { ...queyeHeaders(sandbox()), authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic).toMatchObject({ status: 401, body: { error: { code: 'invalid_access_token' } } });
    const other = sandbox().control.createQueyeClient('Other app');
    const { body } = await exchange();
    const crossed = await summary(body.access_token, other.clientKey);
    expect(crossed).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'invalid_access_token',
          message: 'The access token was issued to a different client.',
        },
      },
    });
  });
});

describe('Queye refresh and revoke', () => {
  it('rotates refresh tokens: the old one dies once used', async () => {
    const first = (await exchange()).body;
    const refreshed = await fetchJson<Tokens & ErrorBody>(url('/auth/refresh'), {
      headers: queyeHeaders(sandbox()),
      json: { refresh_token: first.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    expect(refreshed.body.user.id).toBe(first.user.id);
    const again = await fetchJson(url('/auth/refresh'), {
      headers: queyeHeaders(sandbox()),
      json: { refresh_token: first.refresh_token },
    });
    expect(again).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'invalid_refresh_token',
          message:
            'This refresh token was already used. Refresh tokens rotate: keep the newest one.',
        },
      },
    });
    expect((await summary(refreshed.body.access_token)).status).toBe(200);
  });

  it('refuses unknown refresh tokens, other clients and a missing field', async () => {
    const unknown = await fetchJson(url('/auth/refresh'), {
      headers: queyeHeaders(sandbox()),
      json: { refresh_token: 'qrt_x' },
    });
    expect(unknown).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_refresh_token' } },
    });
    const missing = await fetchJson(url('/auth/refresh'), {
      headers: queyeHeaders(sandbox()),
      json: {},
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request', message: 'refresh_token is required.' } },
    });
    const { refresh_token } = (await exchange()).body;
    const other = sandbox().control.createQueyeClient('Another app');
    const crossed = await fetchJson(url('/auth/refresh'), {
      headers: { 'x-queye-client-key': other.clientKey },
      json: { refresh_token },
    });
    expect(crossed).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'invalid_refresh_token',
          message: 'The refresh token was issued to a different client.',
        },
      },
    });
  });

  it('revoke kills the access token and its refresh token', async () => {
    const tokens = (await exchange()).body;
    const revoked = await fetchJson(url('/auth/revoke'), {
      method: 'POST',
      headers: queyeHeaders(sandbox(), tokens.access_token),
    });
    expect(revoked).toMatchObject({ status: 200, body: { revoked: true } });
    expect(await summary(tokens.access_token)).toMatchObject({
      status: 401,
      body: { error: { message: 'The access token has been revoked.' } },
    });
    const refresh = await fetchJson(url('/auth/refresh'), {
      headers: queyeHeaders(sandbox()),
      json: { refresh_token: tokens.refresh_token },
    });
    expect(refresh).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_refresh_token' } },
    });
  });

  it('expires and revokes tokens through the control surface', async () => {
    const a = (await exchange()).body;
    sandbox().control.expireToken(a.access_token);
    expect((await summary(a.access_token)).body.error.message).toMatch(/expired/);
    sandbox().control.revokeToken(a.refresh_token);
    const refresh = await fetchJson<ErrorBody>(url('/auth/refresh'), {
      headers: queyeHeaders(sandbox()),
      json: { refresh_token: a.refresh_token },
    });
    expect(refresh.body.error.message).toBe('The refresh token has been revoked.');
    expect(() => sandbox().control.expireToken('no-such-token')).toThrow('Unknown token');
  });
});

describe('Queye approval of locked keys', () => {
  it('answers approval_required with one stable request ID until approved', async () => {
    const first = await exchange(sandbox().credentials.queyeLockedUserKey);
    expect(first.status).toBe(403);
    const requestId = first.body.error.request_id!;
    expect(requestId).toMatch(/^apr_[0-9a-f]{16}$/);
    const second = await exchange(sandbox().credentials.queyeLockedUserKey);
    expect(second.body.error.request_id).toBe(requestId);
    expect(sandbox().control.pendingApprovals()).toContainEqual(
      expect.objectContaining({ requestId }),
    );
    sandbox().control.approve(requestId);
    const approved = await exchange(sandbox().credentials.queyeLockedUserKey);
    expect(approved.status).toBe(200);
    expect(approved.body.access_token).toBeTruthy();
    expect(() => sandbox().control.approve(requestId)).toThrow(/No pending approval/);
  });

  it('locking a key makes every client ask again; unlocking lets them straight in', async () => {
    const { userKey } = sandbox().control.createQueyeUser();
    expect((await exchange(userKey)).status).toBe(200);
    sandbox().control.lockUserKey(userKey);
    const locked = await exchange(userKey);
    expect(locked.status).toBe(403);
    expect(locked.body.error.code).toBe('approval_required');
    sandbox().control.unlockUserKey(userKey);
    // The request is still pending: unlocking does not approve it, the user must.
    expect((await exchange(userKey)).status).toBe(403);
    sandbox().control.approve(locked.body.error.request_id!);
    expect((await exchange(userKey)).status).toBe(200);
  });
});
