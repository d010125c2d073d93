// The app as a person sees it, for the benchmarks that measure the renderer: Chromium (via
// playwright-core, `AISLECAST_CHROMIUM` or a system install) on the browser host, which runs the
// real services in this process, against a sandbox of a given size. Opened signed in to the
// sandbox's Queye with the library synced and cached, so a measurement starts where a user does.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Outcome } from '../../src-preload/contract/define.ts';
import type { CallName, ResultOf } from '../../src-preload/contract/types.ts';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../../src-main/browser-host/host.ts';
import {
  defaultAudioCacheDir,
  startSandbox,
  type SandboxHandle,
  type SandboxOptions,
} from '../../src-main/sandbox/index.ts';
import { launchChromium } from '../../test/e2e/support/browser.ts';

export interface OpenAppOptions {
  /** The sandbox's library size (default: the sandbox's own, 320). */
  tracks?: number;
  /** Further sandbox options (audio, faults, rate limits, seed…). */
  sandbox?: SandboxOptions;
  /** Sign in to the sandbox's Queye and wait for the first sync and its cache (default true). */
  connect?: boolean;
  /**
   * Keep the keys across restarts (default true). The browser host's vault is of the weak kind,
   * which keeps keys in memory only unless the user chooses otherwise, as this does for them.
   */
  storeKeys?: boolean;
  /** Reuse a running Chromium (closed by its owner, not by `close()`). */
  browser?: Browser;
  /** Runs in every page before the app's code: instrumentation such as performance observers. */
  initScript?: () => void;
  /** Further browser-host options. */
  host?: Partial<Omit<BrowserHostOptions, 'userDataDir'>>;
}

export interface ReopenOptions {
  /** Stop the sandbox first, so the app starts with its services out of reach. */
  offline?: boolean;
}

export interface BenchApp {
  readonly browser: Browser;
  readonly page: Page;
  readonly host: BrowserHost;
  /** Undefined once stopped. */
  readonly sandbox: SandboxHandle | undefined;
  readonly userDataDir: string;
  /** A Chrome DevTools Protocol session on the current page (metrics, heap). */
  cdp(): Promise<CDPSession>;
  /** A call through the host's router, as the page makes it; throws on a failure. */
  call<K extends CallName>(name: K, args?: unknown): Promise<ResultOf<K>>;
  /**
   * An app restart: the host is closed (its caches written) and a new one started on the same
   * user-data folder, and a fresh page (a new renderer) opens on it. Resolves once the page's
   * `load` event has fired; what the app shows then is for the caller to wait for.
   */
  reopen(options?: ReopenOptions): Promise<void>;
  stopSandbox(): Promise<void>;
  close(): Promise<void>;
}

/** Whether the renderer has been built (`npm run build`): the host serves `out/renderer`. */
export function rendererBuilt(): boolean {
  return existsSync(new URL('../../out/renderer/index.html', import.meta.url));
}

/** Opens the app; `close()` ends everything it started. */
export async function openApp(options: OpenAppOptions = {}): Promise<BenchApp> {
  if (!rendererBuilt()) throw new Error('The renderer is not built: run `npm run build` first.');
  const ownBrowser = !options.browser;
  const browser = options.browser ?? (await launchChromium());
  const userDataDir = await mkdtemp(join(tmpdir(), 'aislecast-bench-app-'));
  let sandbox: SandboxHandle | undefined;
  let host: BrowserHost | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let session: CDPSession | undefined;
  const pageErrors: string[] = [];

  const startHost = () =>
    startBrowserHost({
      demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
      ...options.host,
      userDataDir,
      logLevel: 'warn',
    });

  const openPage = async () => {
    await context?.close();
    session = undefined;
    context = await browser.newContext();
    if (options.initScript) await context.addInitScript(options.initScript);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(host!.url, { waitUntil: 'load' });
  };

  const call = async <K extends CallName>(name: K, args?: unknown): Promise<ResultOf<K>> => {
    const handler = host!.services.router[name] as (
      a: unknown,
      c: { origin: string },
    ) => Promise<Outcome<ResultOf<K>>>;
    const outcome = await handler(args, { origin: new URL(host!.url).origin });
    if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
    return outcome.value;
  };

  const stopSandbox = async () => {
    await sandbox?.close();
    sandbox = undefined;
  };

  const close = async () => {
    await context?.close().catch(() => undefined);
    await host?.close();
    await stopSandbox();
    if (ownBrowser) await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
    if (pageErrors.length)
      throw new Error(`Uncaught errors in the page:\n${pageErrors.join('\n')}`);
  };

  try {
    sandbox = await startSandbox({
      warmAudio: false,
      audioCacheDir: defaultAudioCacheDir,
      ...(options.tracks !== undefined ? { tracks: options.tracks } : {}),
      ...options.sandbox,
    });
    host = await startHost();
    // Past the first-run choice: this is a store that connected its own accounts.
    await call('settings.set', { app: { mode: 'accounts' } });
    if (options.storeKeys !== false) await call('vault.setWeakStorage', { allowed: true });
    if (options.connect !== false) {
      await call('queye.connect', {
        clientKey: sandbox.credentials.queyeClientKey,
        userKey: sandbox.credentials.queyeUserKey,
        baseUrl: sandbox.queye.baseUrl,
      });
      await untilSynced(call);
    }
    await openPage();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  return {
    browser,
    get page() {
      return page!;
    },
    get host() {
      return host!;
    },
    get sandbox() {
      return sandbox;
    },
    userDataDir,
    async cdp() {
      session ??= await page!.context().newCDPSession(page!);
      return session;
    },
    call,
    async reopen(reopenOptions = {}) {
      await context?.close();
      context = undefined;
      await host!.close();
      if (reopenOptions.offline) await stopSandbox();
      host = await startHost();
      await openPage();
    },
    stopSandbox,
    close,
  };
}

/** Waits until the library has finished syncing (and so is on its way to the cache). */
async function untilSynced(call: BenchApp['call'], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await call('library.status');
    if (status.lastError) throw new Error(`library sync failed: ${status.lastError.message}`);
    if (status.synced && !status.syncing) return;
    if (Date.now() > deadline) throw new Error(`the library did not sync in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
