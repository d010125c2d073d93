import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserHost } from '../../../src-main/browser-host/host.ts';
import { createWsTransport } from '../../../src-preload/api/ws-transport.ts';
import { maxFrameBytes } from '../../../src-preload/api/ws-protocol.ts';
import { queueLimits } from '../../../src-preload/contract/schemas/player.ts';
import {
  callOver,
  closed,
  exchange,
  openSocket,
  startTestHost,
  type TestHost,
} from './host-harness.ts';

/** The largest queue the contract accepts: 200,000 of the longest IDs, shuffled, full history. */
function largestQueue() {
  const ids = Array.from({ length: queueLimits.tracks }, (_, i) => Number.MAX_SAFE_INTEGER - i);
  return {
    ids,
    index: 0,
    position: 12.5,
    shuffle: true,
    repeat: 'off',
    unshuffled: ids.map((_, i) => ids.length - 1 - i),
    history: Array.from({ length: queueLimits.history }, (_, i) => Number.MAX_SAFE_INTEGER - i),
  };
}

describe('frame sizes on the browser host’s socket', () => {
  let target: TestHost;
  beforeAll(async () => {
    target = await startTestHost();
  });
  afterAll(() => target.close());

  it('carries the largest contract-valid call (a saveQueue of 200,000 IDs)', async () => {
    const queue = largestQueue();
    expect(JSON.stringify(queue).length).toBeGreaterThan(4_000_000);
    const ws = await openSocket(target);
    const answer = await callOver(ws, 'player.saveQueue', queue);
    expect(answer).toMatchObject({ type: 'result', outcome: { ok: true } });
    ws.close();
  });

  it('closes a connection that sends an oversized frame with 1009, and the host lives', async () => {
    const ws = await openSocket(target);
    const code = closed(ws);
    ws.send('x'.repeat(maxFrameBytes + 1));
    expect(await code).toBe(1009);
    const next = await openSocket(target);
    expect(await callOver(next, 'app.ping', {})).toMatchObject({ outcome: { ok: true } });
    next.close();
  });

  it('answers garbage frames with a typed refusal and keeps the connection', async () => {
    const ws = await openSocket(target);
    const garbage = ['not json', '[]', 'null', '{"type":"call"}', '{"id":"7"}', '\u0000\uffff'];
    for (const text of garbage) {
      expect(await exchange(ws, text)).toMatchObject({
        type: 'refused',
        error: { code: 'malformed_frame' },
      });
    }
    expect(await exchange(ws, '{"type":"nope","id":9}', 9)).toMatchObject({
      type: 'refused',
      id: 9,
      error: { code: 'malformed_frame' },
    });
    expect(await callOver(ws, 'app.ping', {})).toMatchObject({ outcome: { ok: true } });
    ws.close();
  });
});

describe('the host process (npm run host) after an oversized frame', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterAll(async () => {
    child?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps running and serving', async () => {
    dir = await mkdtemp(join(tmpdir(), 'aislecast-host-process-'));
    const cli = resolve(import.meta.dirname, '../../../src-main/browser-host/cli.ts');
    const proc = spawn(process.execPath, [cli, '--user-data', dir, '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = proc;
    let exited = false;
    proc.on('exit', () => (exited = true));
    const url = await new Promise<string>((found, failed) => {
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /serving on (\S+)/.exec(out);
        if (match?.[1]) found(match[1]);
      });
      proc.on('exit', (code) => failed(new Error(`host exited with ${code}: ${out}`)));
    });
    const entry = await fetch(url);
    const origin = new URL(url).origin;
    const target = {
      host: { port: Number(new URL(url).port), origin } as BrowserHost,
      cookie: (entry.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      close: () => Promise.resolve(),
    };
    const ws = await openSocket(target);
    const code = closed(ws);
    ws.send('x'.repeat(maxFrameBytes + 1));
    expect(await code).toBe(1009);
    const next = await openSocket(target);
    expect(await callOver(next, 'app.ping', {})).toMatchObject({ outcome: { ok: true } });
    next.close();
    expect(exited).toBe(false);
  });
});

describe('the bridge’s own limit', () => {
  const sent: string[] = [];
  let socket: FakeSocket | undefined;
  class FakeSocket extends EventTarget {
    static OPEN = 1;
    readyState = 1;
    constructor() {
      super();
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      socket = this;
    }
    send(text: string) {
      sent.push(text);
    }
    answer(frame: unknown) {
      this.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify(frame) }));
    }
  }
  afterEach(() => {
    vi.unstubAllGlobals();
    sent.length = 0;
  });

  it('refuses a call larger than a frame with a typed error, before sending anything', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const transport = createWsTransport('ws://127.0.0.1:9/__aislecast/bridge');
    const huge = { ids: Array.from({ length: 3_000_000 }, () => Number.MAX_SAFE_INTEGER) };
    const outcome = await transport.invoke('player.saveQueue', huge);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'frame_too_large' } });
    expect(sent).toEqual([]);
    // A normal call still goes out on the same transport.
    void transport.invoke('app.ping', {});
    expect(sent).toHaveLength(1);
  });

  it('answers arguments that cannot be encoded with a typed error instead of a rejection', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const transport = createWsTransport('ws://127.0.0.1:9/__aislecast/bridge');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const args of [cyclic, { n: 10n }]) {
      expect(await transport.invoke('settings.set', args)).toMatchObject({
        ok: false,
        error: { code: 'invalid_arguments' },
      });
    }
    expect(sent).toEqual([]);
  });

  it('turns the host’s refusals and a 1009 close into typed errors for the waiting calls', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
    try {
      const transport = createWsTransport('ws://127.0.0.1:9/__aislecast/bridge');
      const refused = transport.invoke('app.ping', {});
      const id = (JSON.parse(sent[0]!) as { id: number }).id;
      socket!.answer({ type: 'refused', id, error: { code: 'malformed_frame', message: 'm' } });
      expect(await refused).toEqual({
        ok: false,
        error: { code: 'malformed_frame', message: 'm' },
      });
      const waiting = transport.invoke('app.info', undefined);
      const current = socket!;
      current.readyState = 3;
      current.dispatchEvent(Object.assign(new Event('close'), { code: 1009 }));
      expect(await waiting).toMatchObject({ ok: false, error: { code: 'frame_too_large' } });
    } finally {
      vi.useRealTimers();
    }
  });
});
