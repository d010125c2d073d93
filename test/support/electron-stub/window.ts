/**
 * BrowserWindow and webContents as strict as Electron's where the shell depends on it:
 * `loadURL` rejects what Electron rejects (an invalid or empty URL fails with ERR_INVALID_URL
 * and a `did-fail-load`), `maximize()` shows a hidden window, `send` structured-clones its
 * payload and throws on what cannot be cloned. Nothing is drawn.
 */
import { EventEmitter } from 'node:events';

/** Chromium's `url::kMaxURLChars`: longer URLs are refused like invalid ones. */
const maxUrlChars = 2 * 1024 * 1024;

export interface LoadError extends Error {
  errno: number;
  code: string;
  url: string;
}

/** What Electron's `_awaitNextLoad` rejects with. */
function loadError(errno: number, code: string, url: string): LoadError {
  return Object.assign(new Error(`${code} (${errno}) loading '${url.slice(0, 2048)}'`), {
    errno,
    code,
    url,
  });
}

/** Decides how a load ends; tests replace it to make a page fail or hang. */
export type LoadOutcome = { ok: true } | { ok: false; errno: number; code: string } | 'pending';

export class WebContents extends EventEmitter {
  static nextId = 1;
  readonly id = WebContents.nextId++;
  readonly loads: string[] = [];
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  crashed = false;
  url = '';
  /** How the next loads end (default: every valid URL loads). */
  outcome: (url: string) => LoadOutcome = () => ({ ok: true });

  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    return new Promise<void>((resolve, reject) => {
      let valid = typeof url === 'string' && url.length <= maxUrlChars;
      if (valid) {
        try {
          new URL(url);
        } catch {
          valid = false;
        }
      }
      if (!valid) {
        // WebContents::LoadURL: no navigation starts, only a did-fail-load for the main frame.
        queueMicrotask(() => {
          this.emit('did-fail-load', {}, -300, 'ERR_INVALID_URL', url, true);
          reject(loadError(-300, 'ERR_INVALID_URL', url));
        });
        return;
      }
      const outcome = this.outcome(url);
      if (outcome === 'pending') return;
      queueMicrotask(() => {
        this.emit('did-start-navigation', {}, url, false, true);
        if (outcome.ok) {
          this.url = url;
          this.emit('did-finish-load', {});
          resolve();
        } else {
          this.emit('did-fail-load', {}, outcome.errno, outcome.code, url, true);
          reject(loadError(outcome.errno, outcome.code, url));
        }
      });
    });
  }

  reload(): void {
    if (this.url) void this.loadURL(this.url).catch(() => undefined);
    else if (this.loads.length) void this.loadURL(this.loads.at(-1)!).catch(() => undefined);
  }

  getURL(): string {
    return this.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isCrashed(): boolean {
    return this.crashed;
  }

  /** Electron serialises with the structured clone algorithm and throws what it throws. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    try {
      structuredClone(args);
    } catch {
      throw new Error('An object could not be cloned.');
    }
    this.sent.push({ channel, payload: args[0] });
  }

  /** Simulates the renderer process dying (`render-process-gone`). */
  crash(reason = 'crashed'): void {
    this.crashed = true;
    this.emit('render-process-gone', {}, { reason, exitCode: 139 });
  }
}

/** Records its options and everything the shell does to it; shows nothing. */
export class BrowserWindow extends EventEmitter {
  /** Every window made since the last reset (the stub's `recorded.windows`). */
  static readonly made: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.made.filter((window) => !window.isDestroyed());
  }
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  visible = false;
  focused = false;
  maximized = false;
  minimized = false;
  destroyed = false;
  /** Every moment the window became visible, and whether the page was ready by then. */
  readonly shown: Array<{ readyToShow: boolean; by: string }> = [];
  readyToShow = false;
  bounds = { x: 0, y: 0, width: 1200, height: 800 };
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    if (typeof options.width === 'number') this.bounds.width = options.width;
    if (typeof options.height === 'number') this.bounds.height = options.height;
    if (typeof options.x === 'number') this.bounds.x = options.x;
    if (typeof options.y === 'number') this.bounds.y = options.y;
    BrowserWindow.made.push(this);
    this.webContents.on('did-finish-load', () => {
      if (this.readyToShow) return;
      this.readyToShow = true;
      this.emit('ready-to-show');
    });
    if (options.show !== false) this.becomeVisible('constructor');
  }
  private becomeVisible(by: string) {
    if (this.visible) return;
    this.visible = true;
    this.shown.push({ readyToShow: this.readyToShow, by });
    this.emit('show');
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.becomeVisible('show');
    this.focused = true;
  }
  showInactive() {
    this.becomeVisible('showInactive');
  }
  focus() {
    this.focused = true;
  }
  /** Electron: "This will also show (but not focus) the window if it isn't being displayed". */
  maximize() {
    this.maximized = true;
    this.becomeVisible('maximize');
    this.emit('maximize');
  }
  restore() {
    this.minimized = false;
    this.becomeVisible('restore');
  }
  minimize() {
    this.minimized = true;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  getBounds() {
    return { ...this.bounds };
  }
  /** Closes the window the way the user does: `close`, then `closed`. */
  close() {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
