import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../support/sandbox.ts';
import {
  demoAccessToken,
  mp3Fixture,
  musiqueHeaders,
  queyeHeaders,
  useSandbox,
  wavFixture,
} from '../../support/sandbox.ts';

/**
 * The list of bad input the sandbox must reject like the real service: each case with
 * its documented status, code and message — and never a 500.
 */
const sandbox = useSandbox();

interface Case {
  name: string;
  request: (sb: SandboxHandle) => Promise<Response>;
  status: number;
  code: string;
  message: string | RegExp;
}

const q = (sb: SandboxHandle, path: string, init: RequestInit = {}) =>
  fetch(`${sb.queye.baseUrl}${path}`, {
    ...init,
    headers: {
      ...queyeHeaders(sb, demoAccessToken(sb)),
      ...(init.headers as Record<string, string>),
    },
  });

const firstAudio = async (sb: SandboxHandle) => {
  const response = await fetch(`${sb.musique.v1BaseUrl}/audio`, { headers: musiqueHeaders(sb) });
  return ((await response.json()) as { items: Array<{ id: string }> }).items[0]!.id;
};

const sendWith = async (sb: SandboxHandle, body: Record<string, unknown>) =>
  fetch(`${sb.musique.v1BaseUrl}/audio/${await firstAudio(sb)}/send`, {
    method: 'POST',
    headers: { ...musiqueHeaders(sb), 'content-type': 'application/json' },
    body: JSON.stringify({ externalIds: [sb.stores[0]!.externalId], ...body }),
  });

const uploadFile = (sb: SandboxHandle, bytes: Buffer, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${sb.musique.v1BaseUrl}/audio`, {
    method: 'POST',
    headers: musiqueHeaders(sb),
    body: form,
  });
};

const streamTokenFor = async (sb: SandboxHandle, trackId: number) => {
  const response = await q(sb, '/stream/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ track_id: trackId }),
  });
  return ((await response.json()) as { stream_token: string }).stream_token;
};

const exchange = (sb: SandboxHandle, headers: Record<string, string>, key: string) =>
  fetch(`${sb.queye.baseUrl}/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ user_api_key: key }),
  });

const cases: Case[] = [
  {
    name: 'missing client key',
    request: (sb) => exchange(sb, {}, sb.credentials.queyeUserKey),
    status: 401,
    code: 'missing_client_key',
    message: 'Missing X-Queye-Client-Key header.',
  },
  {
    name: 'invalid client key',
    request: (sb) =>
      exchange(
        sb,
        { 'x-queye-client-key': 'qm_client_12345678_123456789012345678901234' },
        sb.credentials.queyeUserKey,
      ),
    status: 401,
    code: 'invalid_client_key',
    message: 'Invalid client key.',
  },
  {
    name: 'invalid user key',
    request: (sb) => exchange(sb, queyeHeaders(sb), 'qm_user_12345678_123456789012345678901234'),
    status: 401,
    code: 'invalid_user_key',
    message: 'Invalid user API key',
  },
  {
    name: 'expired bearer',
    request: (sb) => {
      const token = demoAccessToken(sb);
      sb.control.expireToken(token);
      return fetch(`${sb.queye.baseUrl}/library/tracks`, { headers: queyeHeaders(sb, token) });
    },
    status: 401,
    code: 'invalid_access_token',
    message: 'The access token has expired. Refresh it and try again.',
  },
  {
    name: 'garbled bearer',
    request: (sb) =>
      fetch(`${sb.queye.baseUrl}/library/tracks`, { headers: queyeHeaders(sb, 'qat_%%garbled%%') }),
    status: 401,
    code: 'invalid_access_token',
    message: 'The access token is not valid.',
  },
  {
    name: 'limit 0',
    request: (sb) => q(sb, '/library/tracks?limit=0'),
    status: 400,
    code: 'invalid_request',
    message: 'limit must be an integer from 1 to 200 (got "0").',
  },
  {
    name: 'limit 201',
    request: (sb) => q(sb, '/library/tracks?limit=201'),
    status: 400,
    code: 'invalid_request',
    message: 'limit must be an integer from 1 to 200 (got "201").',
  },
  {
    name: 'malformed cursor',
    request: (sb) => q(sb, '/library/tracks?cursor=not-a-cursor'),
    status: 400,
    code: 'invalid_request',
    message: 'Malformed cursor.',
  },
  {
    name: 'unknown track',
    request: (sb) =>
      q(sb, '/stream/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"track_id":987654}',
      }),
    status: 404,
    code: 'not_found',
    message: 'Track 987654 not found.',
  },
  {
    name: 'unknown album',
    request: (sb) => q(sb, '/library/albums/alb_missing/tracks'),
    status: 404,
    code: 'not_found',
    message: 'Album alb_missing not found.',
  },
  {
    name: 'unknown playlist',
    request: (sb) => q(sb, '/library/playlists/pl_missing/tracks'),
    status: 404,
    code: 'not_found',
    message: 'Playlist pl_missing not found.',
  },
  {
    name: 'stream token for another track',
    request: async (sb) => fetch(`${sb.queye.baseUrl}/stream/2?st=${await streamTokenFor(sb, 1)}`),
    status: 401,
    code: 'invalid_stream_token',
    message: 'The stream token is for another track.',
  },
  {
    name: 'multipart without file',
    request: (sb) => {
      const form = new FormData();
      form.append('name', 'Only a name');
      return fetch(`${sb.musique.v1BaseUrl}/audio`, {
        method: 'POST',
        headers: musiqueHeaders(sb),
        body: form,
      });
    },
    status: 400,
    code: 'invalid_request',
    message: 'Missing file: upload the MP3 in a multipart field named "file".',
  },
  {
    name: 'a WAV named .mp3',
    request: async (sb) =>
      uploadFile(sb, (await wavFixture({ seconds: 1 })).bytes, 'announcement.mp3'),
    status: 415,
    code: 'unsupported_format',
    message:
      'Only MP3 audio is accepted; this file is not MP3 (checked by its content, not its name).',
  },
  {
    name: 'a text file named .mp3',
    request: (sb) =>
      uploadFile(sb, Buffer.from('Attention shoppers! '.repeat(100)), 'announcement.mp3'),
    status: 415,
    code: 'unsupported_format',
    message:
      'Only MP3 audio is accepted; this file is not MP3 (checked by its content, not its name).',
  },
  {
    name: 'an 11 MB file',
    request: async (sb) => {
      const big = await mp3Fixture({ seconds: 700, seed: 6, kbps: 128 });
      expect(big.bytes.length).toBeGreaterThan(11_000_000);
      return uploadFile(sb, big.bytes, 'long.mp3');
    },
    status: 413,
    code: 'file_too_large',
    message: 'The file is larger than the 10 MB limit (10485760 bytes).',
  },
  {
    name: 'empty externalIds',
    request: (sb) => sendWith(sb, { externalIds: [] }),
    status: 400,
    code: 'invalid_request',
    message: 'externalIds must not be empty: name at least one External ID.',
  },
  {
    name: 'repeat 11',
    request: (sb) => sendWith(sb, { repeat: 11 }),
    status: 400,
    code: 'invalid_request',
    message: 'repeat must be an integer from 1 to 10 (got 11).',
  },
  {
    name: 'volume -1',
    request: (sb) => sendWith(sb, { volume: -1 }),
    status: 400,
    code: 'invalid_request',
    message: 'volume must be an integer from 0 to 100 (got -1).',
  },
  {
    name: 'scheduleAt in the past',
    request: (sb) =>
      sendWith(sb, { scheduleAt: new Date(sb.control.now() - 3_600_000).toISOString() }),
    status: 400,
    code: 'invalid_request',
    message: /^scheduleAt is in the past: /,
  },
  {
    name: 'scheduleAt unparseable',
    request: (sb) => sendWith(sb, { scheduleAt: 'next Tuesday' }),
    status: 400,
    code: 'invalid_request',
    message:
      'scheduleAt must be an ISO-8601 date-time with a time zone, e.g. 2026-05-01T09:30:00Z (got "next Tuesday").',
  },
  {
    name: 'unknown External IDs',
    request: (sb) =>
      sendWith(sb, { externalIds: [sb.stores[0]!.externalId, 'store_does_not_exist'] }),
    status: 422,
    code: 'unknown_external_ids',
    message: '1 External ID(s) are unknown; nothing was sent.',
  },
];

describe('bad input is rejected like the real service', () => {
  it.each(cases)('$name → $status $code', async ({ request, status, code, message }) => {
    const response = await request(sandbox());
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    if (typeof message === 'string') expect(body.error.message).toBe(message);
    else expect(body.error.message).toMatch(message);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('never answered a 500 along the way', () => {
    const failures = sandbox()
      .control.requests()
      .filter((entry) => entry.status >= 500 || entry.error);
    expect(failures).toEqual([]);
    expect(sandbox().control.ledger()).toEqual([]);
  });
});
