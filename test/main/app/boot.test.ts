import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appUserModelId, resetShellForTests, startApp } from '../../../src-main/app/main.ts';
import { ipcChannel } from '../../../src-preload/contract/define.ts';
import {
  BrowserWindow,
  app,
  emitApp,
  invokeAsFrame,
  recorded,
} from '../../support/electron-stub.ts';

/**
 * The whole start-up against the strict double, with the real store modules (electron-store
 * and conf with the app's options) over a throw-away userData folder.
 */
let dir: string;
const platform = process.platform;
const setPlatform = (value: NodeJS.Platform) =>
  Object.defineProperty(process, 'platform', { value, configurable: true });

beforeEach(async () => {
  recorded.reset();
  resetShellForTests();
  dir = await mkdtemp(join(tmpdir(), 'aislecast-boot-'));
  app.setPath('userData', join(dir, 'userData'));
  app.setPath('logs', join(dir, 'logs'));
  await mkdir(join(dir, 'userData'));
});
afterEach(async () => {
  setPlatform(platform);
  delete process.env.ELECTRON_RENDERER_URL;
  // Quit the way Electron does, so the services and the log close before the folder goes.
  await quit();
  resetShellForTests();
  await rm(dir, { recursive: true, force: true });
});

/** Quits the way Electron does (the first `will-quit` is held until the shell is done). */
async function quit() {
  if (!recorded.appListeners.get('will-quit') || recorded.quits > 0) return;
  emitApp('will-quit');
  await vi.waitFor(() => expect(recorded.quits).toBe(1), { timeout: 10_000 });
}

async function started() {
  startApp();
  await vi.waitFor(() => expect(BrowserWindow.getAllWindows()).toHaveLength(1));
  return BrowserWindow.getAllWindows()[0]!;
}

describe('start-up', () => {
  it('with ELECTRON_RENDERER_URL empty, shows the app from app:// and answers over IPC', async () => {
    process.env.ELECTRON_RENDERER_URL = '';
    const window = await started();
    await vi.waitFor(() => expect(window.isVisible()).toBe(true));
    expect(window.webContents.getURL()).toBe('app://aislecast/index.html');
    const answer = await invokeAsFrame(ipcChannel.call('app.ping'), 'app://aislecast/index.html', {
      echo: 'boot',
    });
    expect(answer).toMatchObject({ ok: true, value: { pong: true, echo: 'boot' } });
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    expect(recorded.protocolHandlers.has('media')).toBe(true);
  });

  it('a failure at start-up reaches a dialog and the log, and the app exits non-zero', async () => {
    const getPath = vi.spyOn(app, 'getPath');
    getPath.mockImplementation((name: string) => {
      if (name === 'userData') throw new Error("Failed to get 'userData' path");
      return join(dir, name);
    });
    startApp();
    await vi.waitFor(() => expect(recorded.exits).toEqual([1]));
    expect(recorded.errorBoxes).toHaveLength(1);
    expect(recorded.errorBoxes[0]!.title).toBe('Aislecast could not start');
    expect(recorded.errorBoxes[0]!.content).toContain("Failed to get 'userData' path");
    getPath.mockRestore();
    const log = await readFile(join(dir, 'logs', 'aislecast.log'), 'utf8');
    expect(log).toContain('Aislecast failed to start');
  });

  it('sets the AppUserModelID on Windows only', async () => {
    setPlatform('win32');
    await started();
    expect(recorded.appUserModelIds).toEqual([appUserModelId]);
    await quit();
    resetShellForTests();
    recorded.reset();
    app.setPath('logs', join(dir, 'logs'));
    app.setPath('userData', join(dir, 'userData'));
    app.setPath('logs', join(dir, 'logs'));
    setPlatform('linux');
    await started();
    expect(recorded.appUserModelIds).toEqual([]);
  });

  it('reopens a window, with the same page, on activate or a second launch after all closed', async () => {
    process.env.ELECTRON_RENDERER_URL = '';
    const first = await started();
    first.close();
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    emitApp('activate');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    const second = BrowserWindow.getAllWindows()[0]!;
    expect(second.webContents.loads).toEqual(['app://aislecast/index.html']);
    second.close();
    emitApp('second-instance', [], dir);
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('in development, a window reopened by activate loads the dev server again', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    const first = await started();
    expect(first.webContents.loads).toEqual(['http://localhost:5173/']);
    first.close();
    emitApp('activate');
    expect(BrowserWindow.getAllWindows()[0]!.webContents.loads).toEqual(['http://localhost:5173/']);
  });

  it('quitting waits until the log file holds its last line', async () => {
    await started();
    await quit();
    const log = await readFile(join(dir, 'logs', 'aislecast.log'), 'utf8');
    expect(log).toContain('Aislecast starting');
    expect(log).toContain('Aislecast closed');
  });

  it("on Windows, the session's end writes everything before the process is killed", async () => {
    const window = await started();
    window.emit('session-end', { reasons: ['shutdown'] });
    await vi.waitFor(async () => {
      const log = await readFile(join(dir, 'logs', 'aislecast.log'), 'utf8');
      expect(log).toContain('Aislecast closed');
    });
  });
});
