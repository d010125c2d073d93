import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox.ts';
import {
  directBytes,
  sandboxTracks,
  startStreamRig,
  streamRequests,
  tokenRequests,
  type StreamRig,
} from './support.ts';

describe('media://track/<id> against the sandbox', () => {
  const sandbox = useSandbox();
  let rig: StreamRig;
  beforeAll(async () => {
    rig = await startStreamRig(sandbox());
  });
  afterAll(() => rig.close());

  const mp3 = () => sandboxTracks(sandbox()).find((track) => track.format === 'mp3')!;

  it('passes a byte range through as a 206 with the upstream headers', async () => {
    const track = mp3();
    const response = await rig.media(track.id, 'bytes=1000-1999');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${track.size}`);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await directBytes(sandbox(), track.id, 1000, 1999))).toBe(true);
  });

  it('answers an open-ended range and a plain request', async () => {
    const track = mp3();
    const tail = await rig.media(track.id, `bytes=${track.size - 10}-`);
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    const whole = await rig.media(track.id);
    expect(whole.status).toBe(200);
    expect(Number(whole.headers.get('content-length'))).toBe(track.size);
    await whole.body?.cancel();
  });

  it('answers HEAD with the headers only', async () => {
    const track = mp3();
    const response = await rig.media(track.id, 'bytes=0-99', 'HEAD');
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe('100');
    expect(response.body).toBeNull();
  });

  it('answers 416 for a range past the end', async () => {
    const track = mp3();
    const response = await rig.media(track.id, `bytes=${track.size}-`);
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${track.size}`);
  });

  it('reuses one token per track while it is fresh', async () => {
    const track = sandboxTracks(sandbox())[7]!;
    const before = tokenRequests(sandbox()).length;
    await Promise.all(
      [0, 100, 200].map(async (start) => {
        const response = await rig.media(track.id, `bytes=${start}-${start + 9}`);
        await response.arrayBuffer();
      }),
    );
    expect(tokenRequests(sandbox()).length - before).toBe(1);
  });

  it('renews the token once its 300 s are nearly over', async () => {
    const track = sandboxTracks(sandbox())[8]!;
    await (await rig.media(track.id, 'bytes=0-9')).arrayBuffer();
    const before = tokenRequests(sandbox()).length;
    sandbox().control.advance(301_000);
    await rig.harness.clock.advance(301_000);
    const response = await rig.media(track.id, 'bytes=10-19');
    expect(response.status).toBe(206);
    await response.arrayBuffer();
    expect(tokenRequests(sandbox()).length - before).toBe(1);
    // Renewed ahead of time: the upstream never saw the expired token.
    const refused = streamRequests(sandbox(), track.id).filter((entry) => entry.status === 401);
    expect(refused).toEqual([]);
  });

  it('re-issues a token the upstream refuses and retries once', async () => {
    const track = sandboxTracks(sandbox())[9]!;
    await (await rig.media(track.id, 'bytes=0-9')).arrayBuffer();
    // Only the upstream's clock moves: the cached token looks fresh but has expired.
    sandbox().control.advance(301_000);
    const tokensBefore = tokenRequests(sandbox()).length;
    const streamsBefore = streamRequests(sandbox(), track.id).length;
    const response = await rig.media(track.id, 'bytes=5000-5999');
    expect(response.status).toBe(206);
    expect((await response.arrayBuffer()).byteLength).toBe(1000);
    expect(tokenRequests(sandbox()).length - tokensBefore).toBe(1);
    const streams = streamRequests(sandbox(), track.id).slice(streamsBefore);
    expect(streams.map((entry) => entry.status)).toEqual([401, 206]);
  });

  it('surfaces a second refusal instead of looping', async () => {
    const track = sandboxTracks(sandbox())[10]!;
    const fault = sandbox().control.addFault({
      kind: 'status',
      status: 401,
      code: 'invalid_stream_token',
      method: 'GET',
      path: `/v1/stream/${track.id}`,
    });
    try {
      const tokensBefore = tokenRequests(sandbox()).length;
      const response = await rig.media(track.id, 'bytes=0-99');
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'invalid_stream_token' } });
      expect(streamRequests(sandbox(), track.id).map((entry) => entry.status)).toEqual([401, 401]);
      expect(tokenRequests(sandbox()).length - tokensBefore).toBe(2);
    } finally {
      sandbox().control.clearFaults(fault.id);
    }
  });

  it.each(['abc', '0', '-1', '1.5', '0012', '1234567890123456', 'x'.repeat(129), '..%2F1'])(
    'rejects the track reference %s without asking Queye',
    async (id) => {
      const before = sandbox().control.requests({ service: 'queye' }).length;
      const response = await rig.media(id, 'bytes=0-');
      expect(response.status).toBe(400);
      expect(sandbox().control.requests({ service: 'queye' }).length).toBe(before);
    },
  );

  it('maps an unknown track to 404', async () => {
    const response = await rig.media(987_654, 'bytes=0-');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found' } });
  });

  it('maps a 404 on the stream itself to 404', async () => {
    const track = sandboxTracks(sandbox())[11]!;
    const fault = sandbox().control.addFault({
      kind: 'status',
      status: 404,
      method: 'GET',
      path: `/v1/stream/${track.id}`,
    });
    try {
      const response = await rig.media(track.id, 'bytes=0-');
      expect(response.status).toBe(404);
    } finally {
      sandbox().control.clearFaults(fault.id);
    }
  });

  it('never hands a stream token to the renderer', async () => {
    const track = mp3();
    const responses = [
      await rig.media(track.id, 'bytes=0-9'),
      await rig.media(track.id, `bytes=${track.size}-`),
      await rig.media(987_654, 'bytes=0-'),
    ];
    const tokens = sandbox()
      .control.requests({ service: 'queye', pathPrefix: '/v1/stream/' })
      .map((entry) => new URLSearchParams(entry.query).get('st'))
      .filter((token): token is string => Boolean(token));
    expect(tokens.length).toBeGreaterThan(0);
    for (const response of responses) {
      const seen = [...response.headers.entries()].flat().join('\n');
      const body = response.status === 206 ? '' : await response.text();
      if (response.status === 206) await response.body?.cancel();
      for (const token of tokens) {
        expect(seen).not.toContain(token);
        expect(body).not.toContain(token);
      }
    }
    for (const token of tokens) {
      expect(rig.harness.logs.join('\n')).not.toContain(token);
    }
  });
});
