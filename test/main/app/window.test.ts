import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../../src-main/app/window.ts';
import { createPageRecovery, positionIsKnown } from '../../../src-main/app/window-state.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { devServerFrom } from '../../../src-main/services/security/origin.ts';
import type { WindowBounds } from '../../../src-main/services/settings/schema.ts';
import type { SettingsService } from '../../../src-main/services/settings/settings-service.ts';
import { recorded, type BrowserWindow } from '../../support/electron-stub.ts';

beforeEach(() => recorded.reset());
afterEach(() => vi.useRealTimers());

function settingsWith(saved: WindowBounds | null) {
  const stored: WindowBounds[] = [];
  const settings = {
    windowBounds: () => saved,
    saveWindowBounds: (bounds: WindowBounds) => stored.push(bounds),
  } as unknown as SettingsService;
  return { settings, stored };
}

/** The shell's window, seen as the stub that recorded it. */
const openWindow = (
  settings: SettingsService,
  options: Partial<Parameters<typeof createMainWindow>[1]> = {},
) =>
  createMainWindow(settings, {
    log: silentLogger(),
    positionKnown: true,
    ...options,
  }) as unknown as BrowserWindow;

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('what the window loads', () => {
  it('treats an empty ELECTRON_RENDERER_URL as "no dev server" and shows the app from app://', async () => {
    const window = openWindow(settingsWith(null).settings, { devServerUrl: '' });
    await settled();
    expect(window.webContents.loads).toEqual(['app://aislecast/index.html']);
    expect(window.webContents.getURL()).toBe('app://aislecast/index.html');
    expect(window.isVisible()).toBe(true);
  });

  it('loads the dev server when one is named, and ignores a value that is no http(s) URL', () => {
    expect(
      openWindow(settingsWith(null).settings, { devServerUrl: 'http://localhost:5173' }).webContents
        .loads,
    ).toEqual(['http://localhost:5173/']);
    expect(devServerFrom('  ')).toBeUndefined();
    expect(devServerFrom('not a url')).toBeUndefined();
    expect(devServerFrom('file:///etc/passwd')).toBeUndefined();
  });

  it('the double refuses what Electron refuses: an empty URL fails with ERR_INVALID_URL', async () => {
    const window = openWindow(settingsWith(null).settings);
    await expect(window.webContents.loadURL('')).rejects.toMatchObject({
      code: 'ERR_INVALID_URL',
      errno: -300,
    });
  });
});

describe('showing the window', () => {
  it('isolates the page and keeps timers running while minimised', () => {
    const prefs = openWindow(settingsWith(null).settings).options.webPreferences as Record<
      string,
      unknown
    >;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: false,
    });
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
  });

  it('restored maximised, it shows nothing until the page is ready, then appears maximised', async () => {
    const saved = { x: 100, y: 80, width: 1100, height: 700, maximized: true };
    const window = openWindow(settingsWith(saved).settings);
    expect(window.options).toMatchObject({ x: 100, y: 80, width: 1100, height: 700, show: false });
    expect(window.isVisible()).toBe(false);
    await settled();
    expect(window.isMaximized()).toBe(true);
    expect(window.shown).toEqual([{ readyToShow: true, by: 'maximize' }]);
  });

  it('saves its bounds when it closes; on Wayland only the size and the maximised state', () => {
    const { settings, stored } = settingsWith(null);
    openWindow(settings).close();
    expect(stored).toEqual([{ x: 0, y: 0, width: 1280, height: 800, maximized: false }]);
    const wayland = settingsWith({ x: 0, y: 0, width: 1000, height: 700, maximized: false });
    const window = openWindow(wayland.settings, { positionKnown: false });
    expect(window.options).not.toHaveProperty('x');
    window.close();
    expect(wayland.stored).toEqual([{ width: 1000, height: 700, maximized: false }]);
  });

  it('knows when the position cannot be read back', () => {
    expect(positionIsKnown('linux', { XDG_SESSION_TYPE: 'wayland' }, [])).toBe(false);
    expect(positionIsKnown('linux', { WAYLAND_DISPLAY: 'wayland-0' }, [])).toBe(false);
    expect(
      positionIsKnown('linux', { XDG_SESSION_TYPE: 'wayland' }, ['--ozone-platform=x11']),
    ).toBe(true);
    expect(positionIsKnown('linux', { XDG_SESSION_TYPE: 'x11' }, [])).toBe(true);
    expect(positionIsKnown('win32', { WAYLAND_DISPLAY: 'x' }, [])).toBe(true);
  });
});

describe('when the page fails', () => {
  it('reloads a page that failed to load, then shows an error page rather than nothing', async () => {
    vi.useFakeTimers();
    const window = openWindow(settingsWith(null).settings);
    window.webContents.outcome = (url) =>
      url.startsWith('data:') ? { ok: true } : { ok: false, errno: -6, code: 'ERR_FILE_NOT_FOUND' };
    // The first load was already under way with the default outcome; fail the next ones.
    window.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://x/', true);
    // Shown at once, not left hidden while it retries.
    expect(window.isVisible()).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    const loads = window.webContents.loads;
    // The first load, then three reloads, then the error page.
    expect(loads.filter((url) => url === 'app://aislecast/index.html')).toHaveLength(4);
    expect(loads.at(-1)).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(loads.at(-1)!)).toContain('ERR_FILE_NOT_FOUND');
    expect(window.isVisible()).toBe(true);
  });

  it('ignores aborted loads and subframes', async () => {
    vi.useFakeTimers();
    const window = openWindow(settingsWith(null).settings);
    await vi.advanceTimersByTimeAsync(0);
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'app://aislecast/', true);
    window.webContents.emit('did-fail-load', {}, -6, 'ERR_FAILED', 'https://x.example/', false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(window.webContents.loads).toHaveLength(1);
  });

  it('reloads after the renderer dies, and stops a crash loop at the error page', async () => {
    vi.useFakeTimers();
    const window = openWindow(settingsWith(null).settings);
    await vi.advanceTimersByTimeAsync(0);
    window.webContents.crash('crashed');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(window.webContents.loads).toHaveLength(2);
    window.webContents.crash('oom');
    window.webContents.crash('oom');
    window.webContents.crash('oom');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(window.webContents.loads.at(-1)).toMatch(/^data:text\/html/);
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(window.webContents.loads.at(-1)).toMatch(/^data:text\/html/);
  });

  it('forgets failures after two minutes', () => {
    let now = 0;
    const recovery = createPageRecovery(() => now);
    expect(recovery.next()).toMatchObject({ action: 'reload', delayMs: 1_000 });
    expect(recovery.next()).toMatchObject({ action: 'reload', delayMs: 3_000 });
    expect(recovery.next()).toMatchObject({ action: 'reload', delayMs: 10_000 });
    expect(recovery.next()).toEqual({ action: 'give-up' });
    now = 10 * 60_000;
    expect(recovery.next()).toMatchObject({ action: 'reload', attempt: 1 });
  });
});
