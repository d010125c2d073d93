import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { SettingsService } from '../services/settings/settings-service.ts';
import { appEntryUrl } from '../services/security/origin.ts';
import { restoreBounds } from '../services/window/bounds.ts';

export function createMainWindow(settings: SettingsService, devServerUrl?: string): BrowserWindow {
  const areas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const bounds = restoreBounds(settings.windowBounds(), areas);
  const window = new BrowserWindow({
    ...bounds,
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
    },
  });
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized()) return;
    const normal = window.getNormalBounds();
    settings.saveWindowBounds({ ...normal, maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', save);

  void window.loadURL(devServerUrl ?? appEntryUrl);
  return window;
}
