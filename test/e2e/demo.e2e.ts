import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { openApp, type RunningApp } from './support/app.ts';

let browser: Browser;
let app: RunningApp | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('first run and the demo', () => {
  it('offers the demo, runs it labelled DEMO, resumes it after a restart, and leaves it', async () => {
    app = await openApp(browser);
    const { page } = app;
    const welcome = page.getByRole('dialog', { name: 'Welcome to Aislecast' });
    await welcome.waitFor();
    expect(await welcome.textContent()).toContain('Connect your accounts');

    await page.getByRole('button', { name: 'Start the demo' }).click();
    await welcome.waitFor({ state: 'detached' });
    const banner = page.locator('.demo-banner');
    await expect.poll(() => banner.textContent()).toContain('sample stores');
    expect(app.host.services.settings.get().app.mode).toBe('demo');

    await app.restart();
    await expect.poll(() => page.locator('.demo-banner').count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('button', { name: 'Leave the demo' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Leave the demo' }).click();
    await page.getByRole('dialog', { name: 'Welcome to Aislecast' }).waitFor();
    expect(await page.locator('.demo-banner').count()).toBe(0);
    expect(app.host.services.settings.get().app.mode).toBe('unset');
  });
});
