import { describe, expect, it } from 'vitest';
import { fetchJson, queyeHeaders, useSandbox } from '../../support/sandbox.ts';

type Client = {
  client_id: string;
  name: string;
  status: string;
  requested_at: string;
  last_used_at: string | null;
  request_id: string;
};

const sandbox = useSandbox();
const url = (path: string) => `${sandbox().queye.baseUrl}${path}`;

/** A user with the account scope, signed in through the demo client. */
function accountUser() {
  const { userKey } = sandbox().control.createQueyeUser({
    scopes: ['library.read', 'stream', 'account'],
  });
  const { accessToken } = sandbox().control.issueQueyeTokens({ userKey });
  return { userKey, headers: queyeHeaders(sandbox(), accessToken) };
}

const exchange = (userKey: string, clientKey = sandbox().credentials.queyeClientKey) =>
  fetchJson<{ access_token: string; error: { code: string; request_id: string } }>(
    url('/auth/exchange'),
    {
      headers: { 'x-queye-client-key': clientKey },
      json: { user_api_key: userKey },
    },
  );

describe('user API key management', () => {
  it('shows a key hint, rotates the key and locks it', async () => {
    const { userKey, headers } = accountUser();
    const info = await fetchJson(url('/user/api-key'), { headers });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      key_hint: `qm_user_…${userKey.slice(-4)}`,
      created_at: expect.any(String) as unknown,
      last_used_at: null,
      locked: false,
    });
    const rotated = await fetchJson<{ user_api_key: string }>(url('/user/api-key/rotate'), {
      method: 'POST',
      headers,
    });
    expect(rotated.body.user_api_key).toMatch(/^qm_user_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}$/);
    expect(rotated.body.user_api_key).not.toBe(userKey);
    expect((await exchange(userKey)).status).toBe(401);
    expect((await exchange(rotated.body.user_api_key)).status).toBe(200);
    // Live tokens run out normally: the one that rotated still works.
    expect((await fetchJson(url('/user/api-key'), { headers })).status).toBe(200);
    const locked = await fetchJson(url('/user/api-key/lock'), { method: 'POST', headers });
    expect(locked.body).toEqual({ locked: true });
    expect((await fetchJson(url('/user/api-key'), { headers })).body.locked).toBe(true);
  });

  it('answers 403 insufficient_scope without the account scope', async () => {
    const { userKey } = sandbox().control.createQueyeUser();
    const token = (await exchange(userKey)).body.access_token;
    for (const [method, path] of [
      ['GET', '/user/api-key'],
      ['GET', '/user/clients'],
      ['POST', '/user/api-key/rotate'],
      ['GET', '/user/access-log'],
    ]) {
      const response = await fetchJson(url(path!), {
        method: method!,
        headers: queyeHeaders(sandbox(), token),
      });
      expect(response).toMatchObject({
        status: 403,
        body: {
          error: {
            code: 'insufficient_scope',
            message: 'This token lacks the "account" scope needed here.',
          },
        },
      });
    }
  });
});

describe('connected clients', () => {
  it('lets the user approve a pending client, then deny and revoke it', async () => {
    const { userKey, headers } = accountUser();
    await fetchJson(url('/user/api-key/lock'), { method: 'POST', headers });
    const other = sandbox().control.createQueyeClient('Till software');
    const pending = await exchange(userKey, other.clientKey);
    expect(pending.status).toBe(403);
    const clients = (await fetchJson<{ items: Client[] }>(url('/user/clients'), { headers })).body
      .items;
    const entry = clients.find((client) => client.client_id === other.clientId)!;
    expect(entry).toMatchObject({
      name: 'Till software',
      status: 'pending',
      request_id: pending.body.error.request_id,
      last_used_at: null,
    });
    expect(clients.find((client) => client.name === 'Aislecast')?.status).toBe('approved');

    const approved = await fetchJson<Client>(url(`/user/clients/${other.clientId}/approve`), {
      method: 'POST',
      headers,
    });
    expect(approved.body.status).toBe('approved');
    const session = await exchange(userKey, other.clientKey);
    expect(session.status).toBe(200);

    const revoked = await fetchJson<Client>(url(`/user/clients/${other.clientId}/revoke`), {
      method: 'POST',
      headers,
    });
    expect(revoked.body.status).toBe('revoked');
    const dead = await fetchJson(url('/library/summary'), {
      headers: {
        'x-queye-client-key': other.clientKey,
        authorization: `Bearer ${session.body.access_token}`,
      },
    });
    expect(dead.status).toBe(401);
    // A revoked client has to ask again.
    expect((await exchange(userKey, other.clientKey)).body.error.code).toBe('approval_required');
    const denied = await fetchJson<Client>(url(`/user/clients/${other.clientId}/deny`), {
      method: 'POST',
      headers,
    });
    expect(denied.body.status).toBe('denied');
    const unknown = await fetchJson(url('/user/clients/nobody12/approve'), {
      method: 'POST',
      headers,
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('keeps an access log, newest first, paged by cursor', async () => {
    const { userKey, headers } = accountUser();
    await exchange(userKey);
    await exchange(userKey);
    await fetchJson(url('/user/api-key/lock'), { method: 'POST', headers });
    const first = await fetchJson<{
      items: Array<Record<string, string>>;
      next_cursor: string | null;
    }>(url('/user/access-log?limit=2'), { headers });
    expect(first.body.items.map((item) => item.action)).toEqual([
      'api_key_locked',
      'token_exchange',
    ]);
    expect(first.body.items[0]).toEqual({
      at: expect.any(String) as unknown,
      client_id: expect.any(String) as unknown,
      client_name: 'Aislecast',
      action: 'api_key_locked',
      request_id: expect.stringMatching(/^req_/) as unknown,
    });
    const second = await fetchJson<{
      items: Array<Record<string, string>>;
      next_cursor: string | null;
    }>(url(`/user/access-log?limit=2&cursor=${encodeURIComponent(first.body.next_cursor!)}`), {
      headers,
    });
    expect(second.body.items.map((item) => item.action)).toEqual(['token_exchange']);
    expect(second.body.next_cursor).toBeNull();
  });
});
