// Random and malformed arguments at every contract call, over both transports as they ship:
// the IPC router as the Electron shell registers it (with wrong sender origins among the
// frames) and the browser host's WebSocket (with wrong origins, no key, oversized and garbage
// frames among the attempts). Every call must be answered with a typed error or a valid result;
// nothing may throw or hang, and both keep serving afterwards. Seeded, so a failure replays.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { registerRouter } from '../../../src-main/app/ipc.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { maxFrameBytes } from '../../../src-preload/api/ws-protocol.ts';
import { calls } from '../../../src-preload/contract/contract.ts';
import { ipcChannel } from '../../../src-preload/contract/define.ts';
import { invokeAsFrame, ipcMain, recorded } from '../../support/electron-stub.ts';
import { createTestServices, type TestServices } from '../../support/services.ts';
import {
  callOver,
  closed,
  exchange,
  openSocket,
  startTestHost,
  type TestHost,
} from './host-harness.ts';
import { createFuzzer, type Fuzzer } from './fuzz-values.ts';

const names = Object.keys(calls) as (keyof typeof calls)[];
const appFrame = 'app://aislecast/index.html';
const foreignFrames = [
  'https://evil.example/',
  'app://aislecast.evil/index.html',
  'file:///etc/passwd',
  'http://127.0.0.1:1/',
  null,
  'not a url',
];

// Only loopback is reachable from a test; a call the fuzzer happens to make valid must not
// reach the real services (their default addresses), so the rest fails like a network error.
const realFetch = globalThis.fetch;
function loopbackOnlyFetch(input: string | URL | Request, init?: RequestInit) {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return realFetch(input, init);
  return Promise.reject(new TypeError('fetch failed (outside loopback in a test)'));
}

/** `{a: [{a: [ … ]}]}`, `depth` levels deep (as deep as JSON and structured clone carry). */
function deeplyNested(depth: number): unknown {
  let value: unknown = { $bytes: 'AAAA' };
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** What every answer must look like: a typed outcome. */
function expectTypedOutcome(label: string, outcome: unknown): void {
  const shape = outcome as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (shape?.ok === true) return;
  expect({ label, ok: shape?.ok, code: typeof shape?.error?.code }).toEqual({
    label,
    ok: false,
    code: 'string',
  });
  expect(typeof shape.error?.message).toBe('string');
}

/** A call that neither settles nor fails within the limit is a hang. */
function settles<T>(label: string, promise: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hung: ${label}`)), ms);
    }),
  ]);
}

describe('every call over the IPC router, as the shell registers it', () => {
  let test: TestServices;
  let fuzz: Fuzzer;
  beforeAll(async () => {
    vi.stubGlobal('fetch', loopbackOnlyFetch);
    recorded.reset();
    test = await createTestServices({ logLevel: 'silent' });
    registerRouter(ipcMain, test.services.router, {}, silentLogger());
    fuzz = createFuzzer(0x1f2e3d);
  });
  afterAll(async () => {
    await test.cleanup();
    vi.unstubAllGlobals();
  });

  it('answers random and malformed arguments with a typed error or a result', async () => {
    let answered = 0;
    for (const name of names) {
      for (let round = 0; round < 40; round++) {
        const args = fuzz.argsFor(calls[name].args);
        const label = `${name} #${round}`;
        const outcome = await settles(
          label,
          Promise.resolve(invokeAsFrame(ipcChannel.call(name), appFrame, args)),
        );
        expectTypedOutcome(label, outcome);
        answered++;
      }
    }
    expect(answered).toBe(names.length * 40);
  }, 180_000);

  it('answers arguments nested thousands deep at every call', async () => {
    for (const name of names) {
      const outcome = await settles(
        name,
        Promise.resolve(invokeAsFrame(ipcChannel.call(name), appFrame, deeplyNested(5_000))),
      );
      expectTypedOutcome(name, outcome);
    }
  });

  it('refuses every call from a wrong sender origin, whatever the arguments', async () => {
    for (const name of names) {
      for (const frame of foreignFrames) {
        const outcome = await invokeAsFrame(
          ipcChannel.call(name),
          frame,
          fuzz.argsFor(calls[name].args),
        );
        expect({ name, frame, outcome }).toMatchObject({
          name,
          frame,
          outcome: { ok: false, error: { code: 'forbidden_origin' } },
        });
      }
    }
    expect(await invokeAsFrame(ipcChannel.call('app.ping'), appFrame, {})).toMatchObject({
      ok: true,
    });
  });
});

describe('every call over the browser host’s WebSocket', () => {
  let target: TestHost;
  let fuzz: Fuzzer;
  beforeAll(async () => {
    vi.stubGlobal('fetch', loopbackOnlyFetch);
    target = await startTestHost();
    fuzz = createFuzzer(0x5eed);
  });
  afterAll(async () => {
    await target.close();
    vi.unstubAllGlobals();
  });

  it('answers random and malformed arguments with a typed error or a result', async () => {
    let ws = await openSocket(target);
    let answered = 0;
    for (const name of names) {
      for (let round = 0; round < 25; round++) {
        const label = `${name} #${round}`;
        const frame = await settles(label, callOver(ws, name, fuzz.argsFor(calls[name].args)));
        expect(frame.type).toBe('result');
        if (frame.type === 'result') expectTypedOutcome(label, frame.outcome);
        answered++;
        // Calls that end the demo or sign out may not end the connection.
        if (ws.readyState !== ws.OPEN) ws = await openSocket(target);
      }
    }
    expect(answered).toBe(names.length * 25);
    ws.close();
  }, 180_000);

  it('answers arguments nested thousands deep at every call, and frames nested deeper', async () => {
    const ws = await openSocket(target);
    const nested = `${'[{"a":'.repeat(2_500)}{"$bytes":"AAAA"}${'}]'.repeat(2_500)}`;
    for (const [index, name] of names.entries()) {
      const id = 10_000 + index;
      const text = `{"type":"call","id":${id},"name":"${name}","args":${nested}}`;
      const frame = await settles(name, exchange(ws, text, id));
      if (frame.type === 'result') expectTypedOutcome(name, frame.outcome);
      else expect(frame).toMatchObject({ type: 'refused', error: { code: 'malformed_frame' } });
    }
    const tooDeep = `{"type":"call","id":1,"name":"app.ping","args":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const deepest = await settles('too deep', exchange(ws, tooDeep, 1));
    if (deepest.type === 'result') expectTypedOutcome('too deep', deepest.outcome);
    else expect(deepest).toMatchObject({ type: 'refused', id: 1 });
    expect(await callOver(ws, 'app.ping', {})).toMatchObject({ outcome: { ok: true } });
    ws.close();
  });

  it('refuses wrong origins, a missing or guessed key and foreign paths at the door', async () => {
    const port = target.host.port;
    const attempts = [
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: 'null' },
      { cookie: '' },
      // A guessed key, kept to characters a cookie header can carry.
      { cookie: `aislecast_${port}=${encodeURIComponent(fuzz.string())}` },
      { path: '/__aislecast/other' },
      { host: `evil.example:${port}` },
    ];
    for (const attempt of attempts) {
      await expect(openSocket(target, attempt), JSON.stringify(attempt)).rejects.toThrow(/403/);
    }
  });

  it('survives garbage and oversized frames and keeps serving', async () => {
    let ws: WebSocket = await openSocket(target);
    for (let round = 0; round < 60; round++) {
      const text = fuzz.garbageFrame();
      const answer = await settles(`garbage #${round}`, exchange(ws, text));
      expect(answer).toMatchObject({ type: 'refused', error: { code: 'malformed_frame' } });
    }
    for (const size of [maxFrameBytes + 1, maxFrameBytes * 2]) {
      const code = closed(ws);
      ws.send(Buffer.alloc(size, 0x7b));
      expect(await code).toBe(1009);
      ws = await openSocket(target);
    }
    expect(await callOver(ws, 'app.ping', { echo: 'alive' })).toMatchObject({
      outcome: { ok: true, value: { echo: 'alive' } },
    });
    ws.close();
  }, 60_000);
});
