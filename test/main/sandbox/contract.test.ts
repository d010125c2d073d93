import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  fetchJson,
  mp3Fixture,
  musiqueHeaders,
  queyeHeaders,
  useSandbox,
} from '../../support/sandbox.ts';

/**
 * Every example request in the vendor documentation (../shared/seeds), replayed against the
 * sandbox, with each documented response field checked. Literal values from the examples are
 * kept where the sandbox can honour them (track 123, External ID store_001); credentials are the
 * sandbox's own.
 */
const sandbox = useSandbox();
const requestId = /^req_[0-9a-f]{20}$/;

describe('Queye Music seed: auth exchange', () => {
  // curl -X POST ".../v1/auth/exchange" -H "Content-Type: application/json"
  //   -H "X-Queye-Client-Key: qm_client_…" -d '{"user_api_key":"qm_user_…"}'
  it('answers the documented token fields', async () => {
    const { userKey } = sandbox().control.createQueyeUser();
    const response = await fetch(`${sandbox().queye.baseUrl}/auth/exchange`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Queye-Client-Key': sandbox().credentials.queyeClientKey,
      },
      body: JSON.stringify({ user_api_key: userKey }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(requestId);
    const body = (await response.json()) as Record<string, unknown>;
    expect(typeof body.access_token).toBe('string');
    expect((body.access_token as string).length).toBeGreaterThan(20);
    expect(body.expires_in).toBe(3600);
    expect(typeof body.refresh_token).toBe('string');
    expect(body.refresh_token).not.toBe(body.access_token);
    expect(body.scope).toEqual(['library.read', 'stream']);
    expect(body.user).toEqual({ id: expect.stringMatching(/^u_/) as unknown });
  });

  it('gives the demo user the account scope as well', async () => {
    const { status, body } = await fetchJson(`${sandbox().queye.baseUrl}/auth/exchange`, {
      headers: queyeHeaders(sandbox()),
      json: { user_api_key: sandbox().credentials.queyeUserKey },
    });
    expect(status).toBe(200);
    expect(body.scope).toEqual(['library.read', 'stream', 'account']);
  });

  it('answers the documented error envelope for an invalid user key', async () => {
    const { status, body, headers } = await fetchJson(`${sandbox().queye.baseUrl}/auth/exchange`, {
      headers: queyeHeaders(sandbox()),
      json: { user_api_key: 'qm_user_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx' },
    });
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: 'invalid_user_key', message: 'Invalid user API key' } });
    expect(headers.get('x-request-id')).toMatch(requestId);
  });

  it('answers 403 approval_required with a request ID for a locked key', async () => {
    const { status, body } = await fetchJson<{ error: Record<string, unknown> }>(
      `${sandbox().queye.baseUrl}/auth/exchange`,
      {
        headers: queyeHeaders(sandbox()),
        json: { user_api_key: sandbox().credentials.queyeLockedUserKey },
      },
    );
    expect(status).toBe(403);
    expect(body.error.code).toBe('approval_required');
    expect(body.error.request_id).toMatch(/^apr_/);
    expect(body.error.message).toContain(body.error.request_id as string);
  });

  it('serves GET /health without any credential', async () => {
    const { status, body } = await fetchJson(`${sandbox().queye.baseUrl}/health`);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });

  it('requires the client key on every other core endpoint', async () => {
    const base = sandbox().queye.baseUrl;
    const calls: Array<[string, string]> = [
      ['POST', '/auth/exchange'],
      ['POST', '/auth/refresh'],
      ['POST', '/auth/revoke'],
      ['GET', '/library/summary'],
      ['GET', '/library/tracks'],
      ['GET', '/library/albums'],
      ['GET', '/library/albums/alb_1/tracks'],
      ['GET', '/library/playlists'],
      ['GET', '/library/playlists/pl_1/tracks'],
      ['POST', '/stream/token'],
      ['GET', '/user/api-key'],
      ['POST', '/user/api-key/rotate'],
      ['POST', '/user/api-key/lock'],
      ['GET', '/user/clients'],
      ['POST', '/user/clients/abc/approve'],
      ['POST', '/user/clients/abc/deny'],
      ['POST', '/user/clients/abc/revoke'],
      ['GET', '/user/access-log'],
    ];
    for (const [method, path] of calls) {
      const { status, body } = await fetchJson(`${base}${path}`, { method });
      expect({ path, status, body }).toEqual({
        path,
        status: 401,
        body: {
          error: { code: 'missing_client_key', message: 'Missing X-Queye-Client-Key header.' },
        },
      });
    }
  });
});

describe('Queye Music seed: streaming', () => {
  // curl -X POST ".../v1/stream/token" -H "Content-Type: application/json"
  //   -H "X-Queye-Client-Key: …" -H "Authorization: Bearer ACCESS_TOKEN" -d '{"track_id":123}'
  it('issues a 300-second stream URL for track 123 that honours byte ranges', async () => {
    const { accessToken } = sandbox().control.issueQueyeTokens();
    const response = await fetch(`${sandbox().queye.baseUrl}/stream/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Queye-Client-Key': sandbox().credentials.queyeClientKey,
        Authorization: `Bearer ${accessToken}`,
      },
      body: JSON.stringify({ track_id: 123 }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      stream_url: string;
      stream_token: string;
      expires_in: number;
    };
    expect(body.expires_in).toBe(300);
    expect(body.stream_url).toBe(`${sandbox().queye.baseUrl}/stream/123?st=${body.stream_token}`);
    const audio = await fetch(body.stream_url, { headers: { Range: 'bytes=0-1023' } });
    expect(audio.status).toBe(206);
    expect(audio.headers.get('accept-ranges')).toBe('bytes');
    expect(audio.headers.get('content-range')).toMatch(/^bytes 0-1023\/\d+$/);
    expect((await audio.arrayBuffer()).byteLength).toBe(1024);
  });
});

describe('Musique seed: token generate, test, revoke', () => {
  it('replays generate → test → revoke for External ID store_001', async () => {
    const origin = sandbox().musique.origin;
    // curl -X POST …/api/integration/auth -H "Content-Type: application/json"
    //   -d '{"externalId": "store_001", "companyToken": "comp_abc123xyz"}'
    const generated = await fetch(`${origin}/api/integration/auth`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        externalId: 'store_001',
        companyToken: sandbox().credentials.musiqueCompanyToken,
      }),
    });
    expect(generated.status).toBe(200);
    const { token, expires_at } = (await generated.json()) as { token: string; expires_at: null };
    expect(token).toMatch(/^demo_test_[A-Za-z0-9]+$/);
    expect(expires_at).toBeNull();

    // curl -X POST …/api/integration/test -H "X-API-Key: msk_live_…"
    const tested = await fetch(`${origin}/api/integration/test`, {
      method: 'POST',
      headers: { 'X-API-Key': token },
    });
    expect(tested.status).toBe(200);
    const test = (await tested.json()) as Record<string, unknown>;
    expect(test.valid).toBe(true);
    expect(test.externalId).toBe('store_001');
    expect(typeof test.userId).toBe('number');
    expect(test.permissions).toEqual(['audio.read', 'audio.write', 'audio.delete', 'audio.send']);

    // curl -X DELETE …/api/integration/auth -H "X-API-Key: msk_live_…"
    const revoked = await fetch(`${origin}/api/integration/auth`, {
      method: 'DELETE',
      headers: { 'X-API-Key': token },
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({
      revoked: true,
      message: 'API token successfully revoked',
    });

    const after = await fetchJson<{ error: Record<string, unknown> }>(
      `${origin}/api/integration/test`,
      {
        method: 'POST',
        headers: { 'X-API-Key': token },
      },
    );
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'invalid_token', type: 'authentication_error' });
  });

  it('refuses a wrong company token with 401 invalid_company_token', async () => {
    const { status, body } = await fetchJson(`${sandbox().musique.origin}/api/integration/auth`, {
      json: { externalId: 'store_002', companyToken: 'comp_abc123xyz' },
    });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: {
        code: 'invalid_company_token',
        message: 'Invalid company token: check the token Musique gave you at onboarding.',
        type: 'authentication_error',
      },
    });
  });
});

describe('Musique seed: health, info, upload and targeted send', () => {
  it('answers a health check and the API info with rate-limit headers', async () => {
    const v1 = sandbox().musique.v1BaseUrl;
    const health = await fetchJson(`${v1}/health`, { headers: musiqueHeaders(sandbox()) });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'healthy',
      services: { database: 'healthy', storage: 'healthy', messaging: 'healthy' },
    });
    expect(typeof health.body.version).toBe('string');
    expect(Number.isNaN(Date.parse(health.body.timestamp as string))).toBe(false);
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      expect(health.headers.get(name)).toMatch(/^\d+$/);
    }
    const info = await fetchJson(v1, { headers: musiqueHeaders(sandbox()) });
    expect(info.body).toEqual({
      name: 'Musique Partner API',
      version: expect.any(String) as unknown,
      docs: 'https://docs.musique.app',
    });
  });

  it('uploads with multipart file=@… and sends to one store by External ID', async () => {
    const mp3 = await mp3Fixture({ seconds: 4, seed: 1 });
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(mp3.bytes)], { type: 'audio/mpeg' }),
      'announcement.mp3',
    );
    form.append('name', 'Opening announcement');
    form.append('category', 'announcement');
    const uploaded = await fetch(`${sandbox().musique.v1BaseUrl}/audio`, {
      method: 'POST',
      headers: musiqueHeaders(sandbox()),
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const audio = (await uploaded.json()) as Record<string, unknown>;
    expect(audio).toMatchObject({
      name: 'Opening announcement',
      category: 'announcement',
      description: '',
      format: 'mp3',
      size: mp3.bytes.length,
      stats: { timesPlayed: 0, lastPlayedAt: null, totalRecipients: 0 },
    });
    // Whole MP3 frames: within one 24 ms frame of the requested length.
    expect(audio.duration).toBeCloseTo(4, 1);
    expect(audio.audioId).toBe(audio.id);
    expect(audio.url).toBe(`${sandbox().musique.origin}/media/audio/${audio.id as string}.mp3`);
    expect(Number.isNaN(Date.parse(audio.createdAt as string))).toBe(false);

    const [store] = sandbox().stores;
    const sent = await fetchJson(
      `${sandbox().musique.v1BaseUrl}/audio/${audio.id as string}/send`,
      {
        headers: musiqueHeaders(sandbox()),
        json: { externalIds: [store!.externalId] },
      },
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({
      sendId: expect.stringMatching(/^snd_/) as unknown,
      audioId: audio.id,
      destinations: [{ externalId: store!.externalId, userId: store!.userId, status: 'sent' }],
      scheduled: false,
      scheduleAt: null,
      status: 'sent',
    });
  });

  const curl = spawnSync('curl', ['--version']).status === 0;
  it.skipIf(!curl)('accepts the literal curl -F file=@… upload (needs curl on PATH)', async () => {
    const mp3 = await mp3Fixture({ seconds: 70, seed: 2 });
    // Asynchronously: the sandbox answering curl runs in this very process.
    const result = await promisify(execFile)('curl', [
      '-s',
      '-X',
      'POST',
      `${sandbox().musique.v1BaseUrl}/audio`,
      '-H',
      `X-API-Key: ${sandbox().credentials.musiqueApiToken}`,
      '-F',
      `file=@${mp3.path};type=audio/mpeg`,
      '-F',
      'name=Spring sale',
      '-w',
      '\n%{http_code}',
    ]);
    const [json = '', code] = result.stdout.trim().split('\n');
    expect(code).toBe('201');
    const audio = JSON.parse(json) as { name: string; size: number; duration: number };
    expect(audio).toMatchObject({ name: 'Spring sale', size: mp3.bytes.length });
    expect(audio.duration).toBeCloseTo(70, 1);
  });
});
