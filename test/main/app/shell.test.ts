import type { Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../../src-main/app/main.ts';
import { registerSchemes } from '../../../src-main/app/schemes.ts';
import { allowAppPermissions, hardenWebContents } from '../../../src-main/app/security.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { app, recorded, session, shell } from '../../support/electron-stub.ts';

/**
 * The Electron shell's security baseline (ARCHITECTURE §4), against the recording stub: the
 * window's web preferences, what the app lets a page navigate to or open, permissions, and the
 * privileged schemes.
 */
beforeEach(() => recorded.reset());

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
  const install = (devServer?: string) => {
    const stub = session.defaultSession;
    allowAppPermissions(stub as unknown as Session, devServer ? { devServer } : {}, silentLogger());
    return stub;
  };

  it('lets the app write to the clipboard, so the Copy buttons work', async () => {
    const stub = install();
    expect(stub.checkPermission('clipboard-sanitized-write', 'app://aislecast/index.html')).toBe(
      true,
    );
    expect(await stub.requestPermission('clipboard-sanitized-write', 'app://aislecast/#/x')).toBe(
      true,
    );
  });

  it('lets the app show notifications (a broadcast ended or needs a decision)', async () => {
    const stub = install();
    expect(stub.checkPermission('notifications', 'app://aislecast/index.html')).toBe(true);
    expect(await stub.requestPermission('notifications', 'app://aislecast/#/broadcast')).toBe(true);
    for (const frame of ['https://evil.example/', 'app://aislecast.evil/', 'file:///x.html']) {
      expect(stub.checkPermission('notifications', frame)).toBe(false);
      expect(await stub.requestPermission('notifications', frame)).toBe(false);
    }
    expect(
      stub.checkPermission('notifications', 'app://aislecast/', {
        isMainFrame: false,
        embeddingOrigin: 'app://aislecast/',
      }),
    ).toBe(false);
  });

  it('refuses the clipboard to any other origin or a subframe, and everything else to all', async () => {
    const stub = install('http://localhost:5173');
    for (const frame of ['https://evil.example/', 'app://aislecast.evil/', 'file:///x.html']) {
      expect(stub.checkPermission('clipboard-sanitized-write', frame)).toBe(false);
      expect(await stub.requestPermission('clipboard-sanitized-write', frame)).toBe(false);
    }
    expect(
      stub.checkPermission('clipboard-sanitized-write', 'app://aislecast/', {
        isMainFrame: false,
        embeddingOrigin: 'app://aislecast/',
      }),
    ).toBe(false);
    expect(stub.checkPermission('clipboard-sanitized-write', 'http://localhost:5173/')).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'midi']) {
      expect(await stub.requestPermission(permission, 'app://aislecast/index.html')).toBe(false);
      expect(stub.checkPermission(permission, 'app://aislecast/index.html')).toBe(false);
    }
    expect(stub.checkDevice('usb', 'app://aislecast')).toBe(false);
  });

  it('the double grants everything when no handler is set, as Electron does', async () => {
    expect(await session.defaultSession.requestPermission('media', 'https://x.example/')).toBe(
      true,
    );
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
