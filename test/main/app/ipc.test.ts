import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls } from '../../../src-preload/contract/contract.ts';
import { ipcChannel } from '../../../src-preload/contract/define.ts';
import { registerRouter } from '../../../src-main/app/ipc.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { invokeAsFrame, ipcMain, recorded } from '../../support/electron-stub.ts';
import { createTestServices } from '../../support/services.ts';

describe('IPC registration', () => {
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    recorded.reset();
    const test = await createTestServices();
    cleanup = test.cleanup;
    registerRouter(
      ipcMain,
      test.services.router,
      { devServer: 'http://localhost:5173' },
      silentLogger(),
    );
  });
  afterEach(() => cleanup());

  it('registers one channel per contract call', () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(
      Object.keys(calls)
        .map((name) => ipcChannel.call(name))
        .sort(),
    );
  });

  it('answers the app bundle and the dev server', async () => {
    const fromApp = await invokeAsFrame(ipcChannel.call('app.ping'), 'app://aislecast/index.html', {
      echo: 'x',
    });
    expect(fromApp).toMatchObject({ ok: true, value: { pong: true, echo: 'x' } });
    const fromDev = await invokeAsFrame(ipcChannel.call('app.info'), 'http://localhost:5173/');
    expect(fromDev).toMatchObject({ ok: true });
  });

  it.each([
    ['a foreign https frame', 'https://evil.example/index.html'],
    ['a look-alike host', 'app://aislecast.evil/index.html'],
    ['a file URL', 'file:///etc/passwd'],
    ['a dev-server port mismatch', 'http://localhost:5174/'],
    ['an opaque data URL', 'data:text/html,<script></script>'],
    ['a destroyed frame', null],
    ['garbage', 'not a url'],
  ])('refuses %s with a typed error', async (_label, frame) => {
    const result = await invokeAsFrame(ipcChannel.call('settings.get'), frame);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
  });

  it('keeps serving after malformed and hostile arguments on every call', async () => {
    const hostile: unknown[] = [
      null,
      42,
      'text',
      [],
      { __proto__: { polluted: true } },
      { ui: { theme: 'dark' }, extra: 1 },
      new Array(1000).fill({ a: 1 }),
    ];
    for (const name of Object.keys(calls)) {
      for (const args of hostile) {
        const result = (await invokeAsFrame(ipcChannel.call(name), 'app://aislecast/', args)) as {
          ok: boolean;
          error?: { code: string };
        };
        if (!result.ok) expect(result.error?.code).toBe('invalid_arguments');
      }
    }
    expect(await invokeAsFrame(ipcChannel.call('app.ping'), 'app://aislecast/')).toMatchObject({
      ok: true,
    });
  });
});
