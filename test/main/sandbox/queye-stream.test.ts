import { describe, expect, it } from 'vitest';
import { inspectMp3 } from '../../../src-main/sandbox/index.ts';
import {
  demoAccessToken,
  fetchJson,
  queyeHeaders,
  useSandbox,
  withSandbox,
} from '../../support/sandbox.ts';

type Track = { id: number; size: number; duration: number; format: string };
type StreamToken = { stream_url: string; stream_token: string; expires_in: number };
type ErrorBody = { error: { code: string; message: string } };

const sandbox = useSandbox({ seed: 3 });

function tracks(): Track[] {
  return sandbox().control.tracks() as unknown as Track[];
}

async function streamToken(trackId: number, token = demoAccessToken(sandbox())) {
  return fetchJson<StreamToken & ErrorBody>(`${sandbox().queye.baseUrl}/stream/token`, {
    headers: queyeHeaders(sandbox(), token),
    json: { track_id: trackId },
  });
}

async function streamUrl(trackId: number): Promise<string> {
  return (await streamToken(trackId)).body.stream_url;
}

async function bytes(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('stream bytes', () => {
  it('serves the whole MP3 with exact length, type and duration', async () => {
    const track = tracks().find((entry) => entry.format === 'mp3')!;
    const response = await fetch(await streamUrl(track.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(response.headers.get('content-length'))).toBe(track.size);
    const body = await bytes(response);
    expect(body.length).toBe(track.size);
    const facts = inspectMp3(body)!;
    expect(facts.durationSec).toBeCloseTo(track.duration, 3);
    expect(facts.bitrateKbps).toBe(64);
  });

  it('answers single ranges with 206 and exact Content-Range math', async () => {
    const track = tracks().find((entry) => entry.format === 'mp3')!;
    const url = await streamUrl(track.id);
    const whole = await bytes(await fetch(url));
    const size = track.size;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-0', 0, 0],
      ['bytes=100-199', 100, 199],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(url, { headers: { range } });
      expect({ range, status: response.status }).toEqual({ range, status: 206 });
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(response.headers.get('content-length'))).toBe(end - start + 1);
      expect((await bytes(response)).equals(whole.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers 416 with Content-Range */size for unsatisfiable ranges, 200 for ignored ones', async () => {
    const track = tracks()[0]!;
    const url = await streamUrl(track.id);
    for (const range of [
      `bytes=${track.size}-`,
      `bytes=${track.size + 5}-${track.size + 9}`,
      'bytes=-0',
    ]) {
      const response = await fetch(url, { headers: { range } });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${track.size}`);
      expect(((await response.json()) as ErrorBody).error.code).toBe('range_not_satisfiable');
    }
    // Invalid syntax, other units and multi-range requests are ignored: the whole file, 200.
    for (const range of ['bytes=abc', 'items=0-5', 'bytes=0-1,5-6', 'bytes=9-3']) {
      const response = await fetch(url, { headers: { range } });
      expect({ range, status: response.status }).toEqual({ range, status: 200 });
      expect(Number(response.headers.get('content-length'))).toBe(track.size);
      await response.body?.cancel();
    }
  });

  it('lets a player seek into the middle of a long track', async () => {
    const track = tracks().find((entry) => entry.format === 'mp3' && entry.duration >= 180)!;
    const url = await streamUrl(track.id);
    const offset = Math.floor(track.size / 2) + 77; // deliberately not on a frame boundary
    const response = await fetch(url, { headers: { range: `bytes=${offset}-` } });
    expect(response.status).toBe(206);
    const facts = inspectMp3(await bytes(response))!;
    // A decoder resyncs on the next frame and plays the second half.
    expect(facts.durationSec).toBeGreaterThan(track.duration / 2 - 0.1);
    expect(facts.durationSec).toBeLessThan(track.duration / 2 + 0.1);
  });

  it('serves WAV tracks as audio/wav with a RIFF header matching the size', async () => {
    const track = tracks().find((entry) => entry.format === 'wav')!;
    const response = await fetch(await streamUrl(track.id), { headers: { range: 'bytes=0-43' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const header = await bytes(response);
    expect(header.toString('ascii', 0, 4)).toBe('RIFF');
    expect(header.readUInt32LE(4)).toBe(track.size - 8);
    expect(header.readUInt32LE(40)).toBe(track.size - 44);
    expect(track.duration).toBeCloseTo((track.size - 44) / 2 / header.readUInt32LE(24), 3);
  });

  it('answers HEAD with the headers only', async () => {
    const track = tracks()[1]!;
    const response = await fetch(await streamUrl(track.id), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(track.size);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('stream tokens', () => {
  it('refuses missing, unknown, other-track and expired tokens with invalid_stream_token', async () => {
    const [a, b] = tracks();
    const url = await streamUrl(a!.id);
    const token = new URL(url).searchParams.get('st')!;
    const base = `${sandbox().queye.baseUrl}/stream`;
    const cases: Array<[string, string]> = [
      [`${base}/${a!.id}`, 'Missing stream token: request a stream URL with POST /stream/token.'],
      [`${base}/${a!.id}?st=qst_unknown`, 'The stream token is not valid.'],
      [`${base}/${b!.id}?st=${token}`, 'The stream token is for another track.'],
    ];
    for (const [target, message] of cases) {
      const { status, body } = await fetchJson(target);
      expect({ status, body }).toEqual({
        status: 401,
        body: { error: { code: 'invalid_stream_token', message } },
      });
    }
    sandbox().control.advance(299_000);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    sandbox().control.advance(1_000);
    const expired = await fetchJson(url);
    expect(expired).toMatchObject({
      status: 401,
      body: {
        error: {
          code: 'invalid_stream_token',
          message: 'The stream token has expired. Request a new one with POST /stream/token.',
        },
      },
    });
  });

  it('needs no client key on the stream itself, and survives revoking the session', async () => {
    const { accessToken } = sandbox().control.issueQueyeTokens();
    const url = (await streamToken(1, accessToken)).body.stream_url;
    await fetch(`${sandbox().queye.baseUrl}/auth/revoke`, {
      method: 'POST',
      headers: queyeHeaders(sandbox(), accessToken),
    });
    const response = await fetch(url, { headers: { range: 'bytes=0-9' } });
    expect(response.status).toBe(206);
    await response.body?.cancel();
    sandbox().control.expireToken(new URL(url).searchParams.get('st')!);
    expect((await fetch(url)).status).toBe(401);
  });

  it('validates POST /stream/token', async () => {
    const cases: Array<[unknown, number, string, string]> = [
      [{}, 400, 'invalid_request', 'track_id is required.'],
      [
        { track_id: '123' },
        400,
        'invalid_request',
        'track_id must be a track ID (a positive integer).',
      ],
      [
        { track_id: 1.5 },
        400,
        'invalid_request',
        'track_id must be a track ID (a positive integer).',
      ],
      [{ track_id: 999_999 }, 404, 'not_found', 'Track 999999 not found.'],
    ];
    for (const [json, status, code, message] of cases) {
      const response = await fetchJson(`${sandbox().queye.baseUrl}/stream/token`, {
        headers: queyeHeaders(sandbox(), demoAccessToken(sandbox())),
        json,
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status,
        body: { error: { code, message } },
      });
    }
    const { accessToken } = sandbox().control.issueQueyeTokens({ scopes: ['library.read'] });
    expect(await streamToken(1, accessToken)).toMatchObject({
      status: 403,
      body: { error: { code: 'insufficient_scope' } },
    });
    const unknownTrack = await fetchJson(`${sandbox().queye.baseUrl}/stream/abc?st=x`);
    expect(unknownTrack).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('uses the configured stream-token lifetime', async () => {
    await withSandbox(
      async (other) => {
        const { body } = await fetchJson<StreamToken>(`${other.queye.baseUrl}/stream/token`, {
          headers: queyeHeaders(other, demoAccessToken(other)),
          json: { track_id: 1 },
        });
        expect(body.expires_in).toBe(30);
      },
      { streamTokenTtlSec: 30, tracks: 5 },
    );
  });
});
