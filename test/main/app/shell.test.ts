import type { Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../../src-main/app/main.ts';
import { registerSchemes } from '../../../src-main/app/schemes.ts';
import { denyPermissions, hardenWebContents } from '../../../src-main/app/security.ts';
import { createMainWindow } from '../../../src-main/app/window.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import type { WindowBounds } from '../../../src-main/services/settings/schema.ts';
import type { SettingsService } from '../../../src-main/services/settings/settings-service.ts';
import { app, recorded, shell, type BrowserWindow } from '../../support/electron-stub.ts';

// electron-store loads the real electron, which Node tests never touch; startApp only needs
// the stores once the app is ready, which these tests never let it be.
vi.mock('../../../src-main/app/stores.ts', () => ({ openStores: () => ({}) }));

/**
 * The Electron shell's security baseline (ARCHITECTURE §4), against the recording stub: the
 * window's web preferences, what the app lets a page navigate to or open, permissions, and the
 * privileged schemes.
 */
beforeEach(() => recorded.reset());

function settingsWith(saved: WindowBounds | null) {
  const stored: WindowBounds[] = [];
  const settings = {
    windowBounds: () => saved,
    saveWindowBounds: (bounds: WindowBounds) => stored.push(bounds),
  } as unknown as SettingsService;
  return { settings, stored };
}

/** The shell's window, seen as the stub that recorded it. */
const openWindow = (...args: Parameters<typeof createMainWindow>) =>
  createMainWindow(...args) as unknown as BrowserWindow;

describe('the main window', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security, the CommonJS preload', () => {
    const window = openWindow(settingsWith(null).settings);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.nodeIntegrationInWorker).not.toBe(true);
    expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
    expect(prefs.webviewTag).not.toBe(true);
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
  });

  it('loads the renderer from app://, or from the dev server when given one', () => {
    expect(openWindow(settingsWith(null).settings).loadedUrl).toBe('app://aislecast/index.html');
    expect(openWindow(settingsWith(null).settings, 'http://localhost:5173/').loadedUrl).toBe(
      'http://localhost:5173/',
    );
  });

  it('reopens where it was, and saves its bounds when it closes', () => {
    const saved = { x: 100, y: 80, width: 1100, height: 700, maximized: true };
    const { settings, stored } = settingsWith(saved);
    const window = openWindow(settings);
    expect(window.options).toMatchObject({ x: 100, y: 80, width: 1100, height: 700 });
    expect(window.maximized).toBe(true);
    for (const listener of window.listeners.get('close') ?? []) listener();
    expect(stored).toEqual([{ x: 0, y: 0, width: 1200, height: 800, maximized: true }]);
  });
});

/** A fake webContents that records what the shell installs on it. */
function fakeContents() {
  const handlers = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, handler: (event: { preventDefault(): void }, url: string) => void) {
      handlers.set(event, handler);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  /** Fires `event` for `url`; true when the shell prevented it. */
  const fire = (event: string, url = '') => {
    const handler = handlers.get(event);
    if (!handler) throw new Error(`no ${event} handler`);
    let prevented = false;
    handler({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

function hardenedContents(devServer?: string) {
  hardenWebContents(devServer ? { devServer } : {}, silentLogger());
  const [created] = recorded.appListeners.get('web-contents-created') ?? [];
  expect(created).toBeDefined();
  const fake = fakeContents();
  created!({}, fake.contents);
  return fake;
}

describe('navigation, new windows and webviews', () => {
  it('keeps the window on the app and denies anything else', () => {
    const opened = vi.spyOn(shell, 'openExternal');
    const page = hardenedContents();
    expect(page.fire('will-navigate', 'app://aislecast/index.html#/settings')).toBe(false);
    expect(page.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(page.fire('will-navigate', 'app://aislecast.evil/index.html')).toBe(true);
    expect(page.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(page.fire('will-navigate', 'http://localhost:5173/')).toBe(true);
    expect(page.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(page.fire('will-attach-webview')).toBe(true);
    expect(opened).not.toHaveBeenCalled();
    opened.mockRestore();
  });

  it('accepts the dev server only when it is configured', () => {
    const page = hardenedContents('http://localhost:5173');
    expect(page.fire('will-navigate', 'http://localhost:5173/#/broadcast')).toBe(false);
    expect(page.fire('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('never opens a window, and hands only vetted https links to the system browser', () => {
    const opened = vi.spyOn(shell, 'openExternal');
    const page = hardenedContents();
    expect(page.open('https://docs.musique.app/api')).toEqual({ action: 'deny' });
    expect(page.open('http://docs.musique.app/api')).toEqual({ action: 'deny' });
    expect(page.open('https://docs.musique.app.evil.example/')).toEqual({ action: 'deny' });
    expect(page.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened.mock.calls).toEqual([['https://docs.musique.app/api']]);
    // A link clicked in the page navigates: it goes to the browser, the window stays put.
    expect(page.fire('will-navigate', 'https://queyemusic.com/help')).toBe(true);
    expect(opened.mock.calls.at(-1)).toEqual(['https://queyemusic.com/help']);
    opened.mockRestore();
  });
});

describe('permissions', () => {
  it('denies every permission request and check, devices included', () => {
    type Handler = (...args: unknown[]) => unknown;
    const installed: Record<string, Handler> = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => (installed.request = h),
      setPermissionCheckHandler: (h: Handler) => (installed.check = h),
      setDevicePermissionHandler: (h: Handler) => (installed.device = h),
    } as unknown as Session;
    denyPermissions(session, silentLogger());
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      installed.request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(installed.check!({}, permission, 'app://aislecast', {})).toBe(false);
    }
    expect(installed.device!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('schemes', () => {
  it('registers app: and media: as standard, secure schemes; media: also streams', () => {
    registerSchemes();
    const schemes = recorded.privilegedSchemes as Array<{
      scheme: string;
      privileges: Record<string, boolean>;
    }>;
    const byName = Object.fromEntries(schemes.map((s) => [s.scheme, s.privileges]));
    expect(byName.app).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(byName.media).toEqual({
      standard: true,
      secure: true,
      stream: true,
      supportFetchAPI: true,
    });
    for (const privileges of Object.values(byName)) {
      expect(privileges.bypassCSP).not.toBe(true);
      expect(privileges.corsEnabled).not.toBe(true);
    }
  });
});

describe('start-up', () => {
  it('leaves at once when another instance holds the lock', () => {
    const quit = vi.spyOn(app, 'quit');
    const lock = vi.spyOn(app, 'requestSingleInstanceLock').mockReturnValue(false);
    startApp();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(recorded.privilegedSchemes).toEqual([]);
    expect(recorded.appListeners.size).toBe(0);
    lock.mockRestore();
    quit.mockRestore();
  });

  it('as the first instance, registers the schemes before ready and listens for a second one', () => {
    const quit = vi.spyOn(app, 'quit');
    const ready = vi.spyOn(app, 'whenReady').mockReturnValue(new Promise(() => undefined));
    startApp();
    expect(quit).not.toHaveBeenCalled();
    expect(recorded.privilegedSchemes).toHaveLength(2);
    expect(recorded.appListeners.get('second-instance')).toHaveLength(1);
    ready.mockRestore();
    quit.mockRestore();
  });
});
