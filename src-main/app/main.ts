import { join } from 'node:path';
import { BrowserWindow, app, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { ipcChannel } from '../../src-preload/contract/define.ts';
import { createServices, type Services } from '../services/create-services.ts';
import { createLogger } from '../services/log/logger.ts';
import { createRedactor } from '../services/log/redactor.ts';
import { contentSecurityPolicy } from '../services/security/csp.ts';
import { createStaticFileHandler } from '../services/static/static-files.ts';
import { registerRouter } from './ipc.ts';
import { quitAfterDispose } from './quit.ts';
import { createSafeStorageBox } from './safe-storage-box.ts';
import { registerSchemes } from './schemes.ts';
import { denyPermissions, hardenWebContents } from './security.ts';
import { openStores } from './stores.ts';
import { createMainWindow } from './window.ts';

let mainWindow: BrowserWindow | undefined;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function boot(): Services {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  const trusted = { devServer: app.isPackaged ? undefined : devServer };
  const redactor = createRedactor();
  const { logger } = createLogger({
    redactor,
    file: join(app.getPath('logs'), 'aislecast.log'),
    console: !app.isPackaged,
  });
  const stores = openStores(app.getVersion());
  const services = createServices({
    appInfo: {
      name: 'Aislecast',
      version: app.getVersion(),
      runtime: 'electron',
      platform: process.platform,
      versions: {
        node: process.versions.node,
        electron: process.versions.electron,
        chrome: process.versions.chrome,
      },
    },
    settingsStore: stores.settings,
    vaultStore: stores.vault,
    secretBox: createSafeStorageBox(safeStorage),
    dataDir: app.getPath('userData'),
    logger,
    redactor,
    fetch: (input, init) => net.fetch(input as string | Request, init),
  });

  hardenWebContents(trusted, logger);
  denyPermissions(session.defaultSession, logger);

  const csp = contentSecurityPolicy({ media: ['media:'] });
  const rendererDir = join(import.meta.dirname, '../renderer');
  protocol.handle(
    'app',
    createStaticFileHandler(rendererDir, { headers: { 'content-security-policy': csp } }),
  );
  protocol.handle('media', (request) => services.media.handle(request));
  if (trusted.devServer) {
    const devCsp = contentSecurityPolicy({
      media: ['media:'],
      connect: ['ws:'],
      development: true,
    });
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devCsp] },
      });
    });
  }

  registerRouter(ipcMain, services.router, trusted, logger.child({ service: 'ipc' }));
  services.events.listen((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(ipcChannel.event(name), payload);
    }
  });

  mainWindow = createMainWindow(services.settings, trusted.devServer);
  mainWindow.on('closed', () => (mainWindow = undefined));
  return services;
}

/** Single instance, privileged schemes before `ready`, then the window. */
export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerSchemes();
  app.on('second-instance', focusMainWindow);
  let services: Services | undefined;
  app
    .whenReady()
    .then(() => {
      services = boot();
      app.on('activate', () => {
        if (!mainWindow && services) mainWindow = createMainWindow(services.settings);
      });
    })
    .catch((error: unknown) => {
      console.error('Aislecast failed to start', error);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  quitAfterDispose(app, () => services?.dispose());
}
