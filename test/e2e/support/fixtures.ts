import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { BrowserHostOptions } from '../../../src-main/browser-host/host.ts';
import { openApp, type RunningApp } from './app.ts';
import { launchChromium } from './browser.ts';

/**
 * One Chromium per test file, and apps opened through `open()` closed after each test.
 * Call at collection time; use the returned functions inside tests.
 */
export function useChromiumApps(): {
  open: (options?: Partial<BrowserHostOptions>) => Promise<RunningApp>;
  browser: () => Browser;
} {
  let browser: Browser | undefined;
  const opened: RunningApp[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const app of opened.splice(0)) await app.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const current = () => {
    if (!browser) throw new Error('useChromiumApps(): Chromium is not running yet');
    return browser;
  };
  return {
    browser: current,
    async open(options) {
      const app = await openApp(current(), options);
      opened.push(app);
      return app;
    },
  };
}
