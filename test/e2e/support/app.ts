import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { defaultAudioCacheDir } from '../../../src-main/sandbox/index.ts';
import {
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from '../../../src-main/browser-host/host.ts';

export interface RunningApp {
  readonly host: BrowserHost;
  page: Page;
  userDataDir: string;
  /** Stops the host (keeping its user data) and starts a fresh one on the same folder. */
  restart(): Promise<void>;
  /** Answers the first-run welcome with "Decide later". */
  dismissWelcome(): Promise<void>;
  close(): Promise<void>;
}

/** A browser host over a throw-away profile, with one page open on the app. */
export async function openApp(
  browser: Browser,
  options: Partial<BrowserHostOptions> = {},
): Promise<RunningApp> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'aislecast-e2e-')));
  // The demo sandbox encodes audio only when a stream asks for it, from a shared disk cache.
  options = { demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir }, ...options };
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let host = await startBrowserHost({ ...options, userDataDir, logLevel: 'warn' });
  await page.goto(host.url);
  await page.locator('#section-title').waitFor();
  return {
    get host() {
      return host;
    },
    page,
    userDataDir,
    async restart() {
      await host.close();
      host = await startBrowserHost({ ...options, userDataDir, logLevel: 'warn' });
      await page.goto(host.url);
      await page.locator('#section-title').waitFor();
    },
    async dismissWelcome() {
      await page.getByRole('button', { name: 'Decide later' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    },
    async close() {
      await context.close();
      await host.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
      if (pageErrors.length)
        throw new Error(`Uncaught errors in the page:\n${pageErrors.join('\n')}`);
    },
  };
}
