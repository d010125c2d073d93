import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../src-main/launcher/electron-binary.ts';

/**
 * The real Electron binary on the built app: what no test double can prove. Runs wherever a
 * binary exists (see README "Checks before a release"); skipped with a reason elsewhere.
 */
const binary = findElectronBinary();
if (!binary.path) {
  console.warn(`[electron smoke] skipped: ${binary.reason}`);
}

const root = resolve(import.meta.dirname, '../..');
let profile = '';
let app: ElectronApplication | undefined;
let page: Page;

async function launch() {
  app = await _electron.launch({
    executablePath: binary.path!,
    args: [root, `--user-data-dir=${profile}`],
    // What `npm start` sets: an empty value means "no dev server".
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  });
  page = await app.firstWindow();
  await page.locator('#section-title').waitFor();
}

/** Quits the way the user does and waits for the process to end. */
async function quit() {
  const running = app;
  app = undefined;
  await running?.evaluate(({ app: electronApp }) => electronApp.quit());
  await running?.waitForEvent('close').catch(() => undefined);
}

describe.skipIf(!binary.path)('real Electron smoke test', () => {
  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'aislecast-electron-'));
    await launch();
  });
  afterAll(async () => {
    await app?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows the app from app:// and answers an IPC round trip, exposing nothing else', async () => {
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

  it('a Copy button can fill the clipboard (the permission handler allows the app to write)', async () => {
    const text = `loc_smoke${Date.now()}`;
    await page.bringToFront();
    const written = await page.evaluate(async (value) => {
      try {
        await navigator.clipboard.writeText(value);
        return 'ok';
      } catch (error) {
        return String(error);
      }
    }, text);
    expect(written).toBe('ok');
    expect(await app!.evaluate(({ clipboard }) => clipboard.readText())).toBe(text);
  });

  it('a far seek on media:// is answered by a 206', async () => {
    await page.evaluate(() => window.aislecast.demo.start());
    let trackId: number | undefined;
    for (let tries = 0; tries < 600 && trackId === undefined; tries++) {
      const snapshot = await page.evaluate(() => window.aislecast.library.snapshot());
      const ids = snapshot.ok ? (snapshot.value?.playlists.flatMap((p) => p.trackIds) ?? []) : [];
      trackId = ids[0];
      if (trackId === undefined) await page.waitForTimeout(200);
    }
    expect(trackId).toBeDefined();
    const answer = await page.evaluate(async (id) => {
      const response = await fetch(`media://track/${id}`, {
        headers: { range: 'bytes=1000000-1000099' },
      });
      await response.arrayBuffer();
      return { status: response.status, range: response.headers.get('content-range') };
    }, trackId!);
    expect(answer.status).toBe(206);
    expect(answer.range).toMatch(/^bytes 1000000-1000099\/\d+$/);
  });

  it('settings survive a vault write and a restart, each in its own file', async () => {
    await page.evaluate(() => window.aislecast.settings.set({ ui: { theme: 'dark' } }));
    await page.evaluate(() => window.aislecast.vault.setWeakStorage({ allowed: true }));
    await page.evaluate(() => window.aislecast.demo.stop({ then: 'welcome' }));
    await quit();
    await launch();
    const settings = await page.evaluate(() => window.aislecast.settings.get());
    expect(settings).toMatchObject({ ok: true, value: { ui: { theme: 'dark' } } });
    const files = await readdir(profile);
    expect(files).toContain('settings.json');
    expect(files).toContain('vault.json');
    expect(files).not.toContain('config.json');
  });

  it('quitting writes the queue and flushes the log', async () => {
    const saved = await page.evaluate(() =>
      window.aislecast.player.saveQueue({
        ids: [11, 12, 13],
        index: 1,
        position: 42,
        shuffle: false,
        repeat: 'off',
        history: [],
      }),
    );
    const logsDir = await app!.evaluate(({ app: electronApp }) => electronApp.getPath('logs'));
    expect(saved).toMatchObject({ ok: true });
    await quit();
    const queueFile = join(profile, 'player', 'queue.json');
    expect(existsSync(queueFile)).toBe(true);
    expect(await readFile(queueFile, 'utf8')).toContain('13');
    const log = await readFile(join(logsDir, 'aislecast.log'), 'utf8');
    expect(log).toContain('Aislecast closed');
  });
});
