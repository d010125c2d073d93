import { join } from 'node:path';
import { BrowserWindow, app, dialog, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { createServices, type Services } from '../services/create-services.ts';
import { createDamagedFiles } from '../services/files/damaged-files.ts';
import { createLogger, type Logger, type ManagedLogger } from '../services/log/logger.ts';
import { createRedactor } from '../services/log/redactor.ts';
import { contentSecurityPolicy } from '../services/security/csp.ts';
import { devServerFrom } from '../services/security/origin.ts';
import { createStaticFileHandler } from '../services/static/static-files.ts';
import { forwardEvents } from './events.ts';
import { registerRouter } from './ipc.ts';
import { createElectronFetch } from './net-fetch.ts';
import { quitAfterDispose } from './quit.ts';
import { createSafeStorageBox } from './safe-storage-box.ts';
import { registerSchemes } from './schemes.ts';
import { allowAppPermissions, hardenWebContents } from './security.ts';
import { openStores } from './stores.ts';
import { createMainWindow } from './window.ts';

/** Windows groups taskbar buttons by this ID; it matches the installer's shortcut (appId). */
export const appUserModelId = 'app.aislecast.desktop';

let mainWindow: BrowserWindow | undefined;

interface Shell {
  services: Services;
  logs: ManagedLogger;
  openWindow(): void;
}

function boot(logs: ManagedLogger, redactor: ReturnType<typeof createRedactor>): Shell {
  const logger = logs.logger;
  const devServer = app.isPackaged ? undefined : devServerFrom(process.env.ELECTRON_RENDERER_URL);
  const trusted = { devServer };
  const userData = app.getPath('userData');
  // One instance for the stores opened here and the services, so a settings or vault file
  // found damaged while opening reaches the renderer as a notice.
  const damagedFiles = createDamagedFiles({
    dataDir: userData,
    log: logger.child({ service: 'files' }),
  });
  const stores = openStores({
    dir: userData,
    version: app.getVersion(),
    damagedFiles,
    log: logger.child({ service: 'settings' }),
  });
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
    dataDir: userData,
    logger,
    redactor,
    fetch: createElectronFetch(net),
    damagedFiles,
  });

  hardenWebContents(trusted, logger);
  allowAppPermissions(session.defaultSession, trusted, logger);

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
  forwardEvents(services.events, BrowserWindow, logger.child({ service: 'events' }));

  const openWindow = () => {
    if (mainWindow) return;
    const window = createMainWindow(services.settings, {
      devServerUrl: devServer,
      log: logger.child({ service: 'window' }),
    });
    // Windows ends the session without `will-quit`: write what is held while there is time.
    window.on('session-end', () => void shutdown());
    window.on('closed', () => (mainWindow = undefined));
    mainWindow = window;
  };
  openWindow();
  return { services, logs, openWindow };
}

let shell: Shell | undefined;
let closing: Promise<void> | undefined;

/** Services first (they log while writing), then the log file itself. Runs once. */
function shutdown(): Promise<void> {
  closing ??= (async () => {
    if (!shell) return;
    const { logger } = shell.logs;
    await shell.services.dispose().catch((error: unknown) => {
      logger.error({ err: error }, 'services did not close cleanly');
    });
    logger.info('Aislecast closed');
    // The file stream is ended and waited for: lines still buffered would be lost on exit.
    await shell.logs.close();
  })();
  return closing;
}

function showMainWindow(): void {
  if (!mainWindow) {
    // macOS keeps running with no window: a second launch or a Dock click opens one.
    shell?.openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** A start-up failure: in the log, and in a dialog (a packaged app has no console). */
export function reportStartFailure(error: unknown, log: Logger | undefined, logFile: string) {
  log?.error({ err: error }, 'Aislecast failed to start');
  const detail = error instanceof Error ? error.message : String(error);
  console.error('Aislecast failed to start', error);
  dialog.showErrorBox(
    'Aislecast could not start',
    `${detail}\n\nNothing you saved was changed. Restart Aislecast; if this happens again, ` +
      `the details are in ${logFile}.`,
  );
}

/** Single instance, privileged schemes before `ready`, then the window. */
export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId);
  registerSchemes();
  app.on('second-instance', showMainWindow);
  app.on('activate', () => {
    if (!mainWindow) shell?.openWindow();
  });
  let logs: ManagedLogger | undefined;
  let logFile = 'aislecast.log';
  app
    .whenReady()
    .then(() => {
      logFile = join(app.getPath('logs'), 'aislecast.log');
      const redactor = createRedactor();
      logs = createLogger({ redactor, file: logFile, console: !app.isPackaged });
      logs.logger.info(
        { version: app.getVersion(), platform: process.platform, packaged: app.isPackaged },
        'Aislecast starting',
      );
      shell = boot(logs, redactor);
    })
    .catch(async (error: unknown) => {
      reportStartFailure(error, logs?.logger, logFile);
      await logs?.close();
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  quitAfterDispose(app, shutdown);
}

/** For tests: forget the shell started by a previous `startApp`. */
export function resetShellForTests(): void {
  mainWindow = undefined;
  shell = undefined;
  closing = undefined;
}
