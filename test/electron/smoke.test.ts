import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../src-main/launcher/electron-binary.ts';

const binary = findElectronBinary();
if (!binary.path) {
  console.warn(`[electron smoke] skipped: ${binary.reason}`);
}

describe('real Electron smoke test', () => {
  let app: ElectronApplication | undefined;
  let profile: string | undefined;
  afterAll(async () => {
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it.skipIf(!binary.path)('boots the packaged bundles and answers one IPC round trip', async () => {
    profile = await mkdtemp(join(tmpdir(), 'aislecast-electron-'));
    app = await _electron.launch({
      executablePath: binary.path!,
      args: [resolve(import.meta.dirname, '../..'), `--user-data-dir=${profile}`],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    });
    const page = await app.firstWindow();
    await page.locator('#section-title').waitFor();
    expect(page.url()).toBe('app://aislecast/index.html');
    const result = await page.evaluate(() => window.aislecast.app.ping({ echo: 'smoke' }));
    expect(result).toMatchObject({ ok: true, value: { pong: true, echo: 'smoke' } });
    const info = await page.evaluate(() => window.aislecast.app.info());
    expect(info).toMatchObject({ ok: true, value: { runtime: 'electron' } });
    const leaks = await page.evaluate(() => [
      typeof (window as unknown as { require?: unknown }).require,
      typeof (window as unknown as { process?: unknown }).process,
      typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
      typeof (window as unknown as { module?: unknown }).module,
    ]);
    expect(leaks).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });
});
