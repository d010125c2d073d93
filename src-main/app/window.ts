import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../services/log/logger.ts';
import type { SettingsService } from '../services/settings/settings-service.ts';
import { rendererEntry } from '../services/security/origin.ts';
import { restoreBounds } from '../services/window/bounds.ts';
import { createPageRecovery, errorPageUrl, loadFailure, positionIsKnown } from './window-state.ts';

export interface MainWindowOptions {
  /** `ELECTRON_RENDERER_URL`; empty or absent means the built renderer on `app://`. */
  devServerUrl?: string;
  log: Logger;
  /** False on Wayland, where a window cannot learn its position (it always reads 0,0). */
  positionKnown?: boolean;
}

export function createMainWindow(
  settings: SettingsService,
  options: MainWindowOptions,
): BrowserWindow {
  const { log } = options;
  const positionKnown = options.positionKnown ?? positionIsKnown(process.platform, process.env);
  const areas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const { x, y, ...size } = restoreBounds(settings.windowBounds(), areas);
  const entry = rendererEntry(options.devServerUrl);
  const window = new BrowserWindow({
    ...size,
    ...(positionKnown && x !== undefined && y !== undefined ? { x, y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Aislecast',
    // Linux shows this in the task bar; macOS and Windows take the packaged app icon.
    icon: join(import.meta.dirname, '../../resources/icon.png'),
    backgroundColor: '#121417',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Playback recovery and the stall watchdog run on renderer timers; Chromium would
      // slow them to once a minute while the window is minimised or hidden.
      backgroundThrottling: false,
    },
  });
  // `maximize()` shows a hidden window, so it waits for the page like `show()` does:
  // maximising at once would flash an empty window before the app has painted.
  window.once('ready-to-show', () => {
    if (size.maximized) window.maximize();
    else window.show();
  });

  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized()) return;
    const normal = window.getNormalBounds();
    const maximized = window.isMaximized();
    settings.saveWindowBounds(
      positionKnown
        ? { ...normal, maximized }
        : { width: normal.width, height: normal.height, maximized },
    );
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', save);

  const recovery = createPageRecovery();
  let reload: NodeJS.Timeout | undefined;
  window.on('closed', () => clearTimeout(reload));
  const showError = (reason: string) => {
    if (window.isDestroyed()) return;
    void window.webContents.loadURL(errorPageUrl(reason, entry)).catch(() => undefined);
  };
  const retryOrShow = (reason: string) => {
    const next = recovery.next();
    clearTimeout(reload);
    // A page that never loaded never becomes ready to show: the window appears anyway, so a
    // failing start is a window that recovers or explains, never nothing at all.
    if (!window.isDestroyed() && !window.isVisible()) window.show();
    if (next.action === 'give-up') {
      log.error({ reason }, 'the window could not show the app; showing the error page');
      showError(reason);
      return;
    }
    log.warn({ reason, attempt: next.attempt, inMs: next.delayMs }, 'reloading the window');
    reload = setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(entry).catch(() => undefined);
    }, next.delayMs);
  };
  window.webContents.on(
    'did-fail-load',
    (_event, errorCode: number, description: string, url: string, isMainFrame: boolean) => {
      const failure = loadFailure({ errorCode, description, url, isMainFrame });
      if (failure) retryOrShow(failure);
    },
  );
  window.webContents.on('render-process-gone', (_event, details: { reason: string }) => {
    if (details.reason === 'clean-exit') return;
    retryOrShow(`the page stopped (${details.reason})`);
  });

  void window.loadURL(entry).catch(() => undefined);
  return window;
}
