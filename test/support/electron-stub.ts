/**
 * Stand-in for the `electron` module in Node test projects (aliased in test/vitest.config.ts).
 * It records what the shell registers so tests can drive IPC handlers with fake sender frames,
 * call protocol handlers with real Requests, and inspect what the preload exposes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors Electron's own listener type
type Listener = (...args: any[]) => unknown;

export const recorded = {
  ipcHandlers: new Map<string, Listener>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  appListeners: new Map<string, Listener[]>(),
  windows: [] as BrowserWindow[],
  reset() {
    this.ipcHandlers.clear();
    this.protocolHandlers.clear();
    this.privilegedSchemes.length = 0;
    this.exposed.clear();
    this.rendererListeners.clear();
    this.invoked.length = 0;
    this.appListeners.clear();
    this.windows.length = 0;
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

export const safeStorage = {
  backend: 'gnome_libsecret' as string,
  available: true,
  isAsyncEncryptionAvailable() {
    return Promise.resolve(this.available);
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptStringAsync(plain: string) {
    return Promise.resolve(Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`));
  },
  decryptStringAsync(buffer: Buffer) {
    const text = buffer.toString();
    if (!text.startsWith('enc:')) return Promise.reject(new Error('Error while decrypting'));
    return Promise.resolve({
      result: Buffer.from(text.slice(4), 'base64').toString(),
      shouldReEncrypt: false,
    });
  },
};

export const net = { fetch: (input: string | Request, init?: RequestInit) => fetch(input, init) };

export const app = {
  isPackaged: false,
  getVersion: () => '0.0.0-test',
  getPath: (name: string) => `/tmp/aislecast-electron-stub/${name}`,
  on(event: string, listener: Listener) {
    recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), listener]);
    return app;
  },
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  quit: () => undefined,
  exit: () => undefined,
};

export const shell = { openExternal: () => Promise.resolve() };
export const session = { defaultSession: {} };
export const screen = {
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};
/** Records its options and what it was asked to load; shows nothing. */
export class BrowserWindow {
  static getAllWindows(): BrowserWindow[] {
    return [...recorded.windows];
  }
  readonly options: Record<string, unknown>;
  readonly listeners = new Map<string, Listener[]>();
  loadedUrl: string | undefined;
  maximized = false;
  constructor(options: Record<string, unknown> = {}) {
    this.options = options;
    recorded.windows.push(this);
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  maximize() {
    this.maximized = true;
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 };
  }
}

export default {
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  safeStorage,
  net,
  app,
  shell,
  session,
  screen,
  BrowserWindow,
};
