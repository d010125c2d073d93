import { afterEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox.ts';
import { directBytes, sandboxTracks, startStreamRig, type StreamRig } from './support.ts';

describe('stream.check and the failures behind a media error', () => {
  const sandbox = useSandbox();
  const rigs: StreamRig[] = [];
  afterEach(async () => {
    sandbox().control.clearFaults();
    for (const rig of rigs.splice(0)) await rig.close();
  });
  const rig = async (options?: Parameters<typeof startStreamRig>[1]) => {
    const started = await startStreamRig(sandbox(), options);
    rigs.push(started);
    return started;
  };

  it('says a healthy track is playable', async () => {
    const { stream } = await rig();
    const check = await stream.handlers['stream.check']({ trackId: 3 }, { origin: 'test' });
    expect(check).toEqual({ playable: true });
  });

  it('names a track Queye does not have, with the request ID to quote', async () => {
    const { stream } = await rig();
    const check = await stream.handlers['stream.check']({ trackId: 987_654 }, { origin: 'test' });
    expect(check).toMatchObject({
      playable: false,
      reason: 'not-found',
      error: { code: 'not_found', requestId: expect.stringMatching(/^req_/) as unknown },
    });
  });

  it('reports a stream Queye keeps refusing as no access', async () => {
    const { stream } = await rig();
    sandbox().control.addFault({
      kind: 'status',
      status: 403,
      method: 'GET',
      path: '/v1/stream/4',
    });
    const check = await stream.handlers['stream.check']({ trackId: 4 }, { origin: 'test' });
    expect(check).toMatchObject({ playable: false, reason: 'no-access', error: { status: 403 } });
    if (!check.playable) {
      expect(check.error.message).toContain('refused');
      expect(check.error.action).toBeTruthy();
    }
  });

  it('reports an upstream failure with its status', async () => {
    const { stream } = await rig();
    sandbox().control.addFault({
      kind: 'status',
      status: 503,
      method: 'GET',
      path: '/v1/stream/5',
    });
    const check = await stream.handlers['stream.check']({ trackId: 5 }, { origin: 'test' });
    expect(check).toMatchObject({ playable: false, reason: 'upstream', error: { status: 503 } });
  });

  it('reports an unreachable Queye as a network problem (503 to the element)', async () => {
    const { stream, harness } = await rig({
      harness: {
        fetch: (input, init) =>
          String(input instanceof Request ? input.url : input).includes('/stream/6?')
            ? Promise.reject(new TypeError('fetch failed'))
            : fetch(input, init),
      },
    });
    const check = await stream.handlers['stream.check']({ trackId: 6 }, { origin: 'test' });
    expect(check).toMatchObject({ playable: false, reason: 'network' });
    const response = await harness.context.media.handle(new Request('media://track/6'));
    expect(response.status).toBe(503);
  });

  it('reports a signed-out session without asking Queye', async () => {
    const { stream, harness } = await rig();
    await harness.value('queye.signOut');
    const before = sandbox().control.requests({ pathPrefix: '/v1/stream' }).length;
    const check = await stream.handlers['stream.check']({ trackId: 7 }, { origin: 'test' });
    expect(check).toMatchObject({ playable: false, reason: 'signed-out' });
    expect(sandbox().control.requests({ pathPrefix: '/v1/stream' }).length).toBe(before);
  });

  it('detects an upstream that ignores ranges, logs it once and slices the range itself', async () => {
    const ignoring: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!/\/stream\/\d+\?/.test(url)) return fetch(input, init);
      return fetch(input, { ...init, headers: {} });
    };
    const { harness } = await rig({ harness: { fetch: ignoring } });
    const track = sandboxTracks(sandbox()).find((entry) => entry.format === 'mp3')!;
    for (const [start, end] of [
      [2000, 2999],
      [track.size - 500, track.size - 1],
    ] as const) {
      const response = await harness.context.media.handle(
        new Request(`media://track/${track.id}`, { headers: { range: `bytes=${start}-${end}` } }),
      );
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${track.size}`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(await directBytes(sandbox(), track.id, start, end))).toBe(true);
    }
    const past = await harness.context.media.handle(
      new Request(`media://track/${track.id}`, { headers: { range: `bytes=${track.size}-` } }),
    );
    expect(past.status).toBe(416);
    const warnings = harness.logs.filter((line) => line.includes('ignored a byte range'));
    expect(warnings).toHaveLength(1);
  });
});
