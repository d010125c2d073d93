/**
 * Stand-in for the `electron` module in Node test projects (aliased in test/vitest.config.ts).
 * It records what the shell registers so tests can drive IPC handlers with fake sender frames,
 * call protocol handlers with real Requests, and inspect what the preload exposes — and it is
 * as strict as Electron 45 where the shell relies on Electron's behaviour: `loadURL` rejects an
 * invalid URL, `maximize()` shows a hidden window, `webContents.send` structured-clones,
 * permission handlers follow Electron's semantics, `safeStorage` fails in each of its ways, and
 * `net.fetch` buffers a request body whole before sending it (see ./electron-stub/).
 */
import { createNet, type FetchRecord, type RequestRecord } from './electron-stub/net.ts';
import { createSafeStorage } from './electron-stub/safe-storage.ts';
import { createSession } from './electron-stub/session.ts';
import { BrowserWindow } from './electron-stub/window.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors Electron's own listener type
type Listener = (...args: any[]) => unknown;

const defaultPaths = (): Map<string, string> =>
  new Map([
    ['userData', '/tmp/aislecast-electron-stub/userData'],
    ['logs', '/tmp/aislecast-electron-stub/logs'],
  ]);

export const recorded = {
  ipcHandlers: new Map<string, Listener>(),
  ipcListeners: new Map<string, Listener[]>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  appListeners: new Map<string, Listener[]>(),
  windows: BrowserWindow.made,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  appUserModelIds: [] as string[],
  fetches: [] as FetchRecord[],
  requests: [] as RequestRecord[],
  paths: defaultPaths(),
  quits: 0,
  exits: [] as number[],
  reset() {
    this.ipcHandlers.clear();
    this.ipcListeners.clear();
    this.protocolHandlers.clear();
    this.privilegedSchemes.length = 0;
    this.exposed.clear();
    this.rendererListeners.clear();
    this.invoked.length = 0;
    this.appListeners.clear();
    this.windows.length = 0;
    this.errorBoxes.length = 0;
    this.appUserModelIds.length = 0;
    this.fetches.length = 0;
    this.requests.length = 0;
    this.paths = defaultPaths();
    this.quits = 0;
    this.exits.length = 0;
    safeStorage.reset();
    session.defaultSession = createSession();
    app.isPackaged = false;
  },
};

export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    recorded.ipcHandlers.delete(channel);
  },
  /** electron-store registers its renderer data channel here. */
  on(channel: string, listener: Listener) {
    recorded.ipcListeners.set(channel, [...(recorded.ipcListeners.get(channel) ?? []), listener]);
    return ipcMain;
  },
};

/** Invokes a registered handler as if a frame at `frameUrl` had called it. */
export function invokeAsFrame(channel: string, frameUrl: string | null, ...args: unknown[]) {
  const handler = recorded.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
}

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]) {
    recorded.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: { channel, args } });
  },
  on(channel: string, listener: Listener) {
    const set = recorded.rendererListeners.get(channel) ?? new Set();
    recorded.rendererListeners.set(channel, set);
    set.add(listener);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: Listener) {
    recorded.rendererListeners.get(channel)?.delete(listener);
    return ipcRenderer;
  },
};

/** Delivers a main → renderer message the way Electron does: event object first. */
export function emitToRenderer(channel: string, payload: unknown) {
  const fakeEvent = { sender: { secret: 'ipc-event-internals' }, ports: [] };
  for (const listener of recorded.rendererListeners.get(channel) ?? [])
    listener(fakeEvent, payload);
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    recorded.exposed.set(key, api);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const safeStorage = createSafeStorage();

export const net = createNet(recorded.fetches, recorded.requests);

export const app = {
  isPackaged: false,
  getVersion: () => '0.0.0-test',
  getName: () => 'Aislecast',
  getPath(name: string) {
    const path = recorded.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  },
  setPath(name: string, path: string) {
    recorded.paths.set(name, path);
  },
  on(event: string, listener: Listener) {
    recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), listener]);
    return app;
  },
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  setAppUserModelId(id: string) {
    recorded.appUserModelIds.push(id);
  },
  quit: () => {
    recorded.quits++;
  },
  exit: (code = 0) => {
    recorded.exits.push(code);
  },
};

/** Fires an app event at every listener the shell registered; returns the event object. */
export function emitApp(event: string, ...args: unknown[]) {
  let prevented = false;
  const eventObject = { preventDefault: () => (prevented = true) };
  const results = (recorded.appListeners.get(event) ?? []).map((listener) =>
    listener(eventObject, ...args),
  );
  return { prevented: () => prevented, results };
}

export const dialog = {
  /** Electron: safe before `ready`; a modal box on every platform once ready. */
  showErrorBox(title: string, content: string) {
    recorded.errorBoxes.push({ title, content });
  },
};

export const shell = {
  openExternal: () => Promise.resolve(),
  openPath: () => Promise.resolve(''),
};
export const session = { defaultSession: createSession() };
export const screen = {
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export { BrowserWindow };

export default {
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  safeStorage,
  net,
  app,
  dialog,
  shell,
  session,
  screen,
  BrowserWindow,
};
