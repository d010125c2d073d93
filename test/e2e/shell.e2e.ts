import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls } from '../../src-preload/contract/contract.ts';
import { useChromiumApps } from './support/fixtures.ts';

const apps = useChromiumApps();

describe('app shell in Chromium', () => {
  it('navigates all three sections by keyboard alone', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Library');
    await expect.poll(() => page.getByText('Connect your Queye library to start').count()).toBe(1);

    // Tab: skip link first, then the current nav item.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-section'))).toBe(
      'library',
    );

    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-section'))).toBe(
      'broadcast',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Broadcast');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('section-title');
    expect(page.url()).toMatch(/#\/broadcast$/);

    await page.keyboard.press('Control+3');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings');
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Library');
    await page.goBack();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings');
  });

  it('round-trips a setting through the bridge into the settings file and back', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await page.keyboard.press('Control+3');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe('dark');

    const file = join(app.userDataDir, 'settings.json');
    await expect
      .poll(
        async () =>
          (JSON.parse(await readFile(file, 'utf8')) as { ui: { theme: string } }).ui.theme,
      )
      .toBe('dark');

    await app.restart();
    await app.dismissWelcome();
    await page.keyboard.press('Control+3');
    await expect.poll(() => page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The bridge rejects malformed calls with a typed error instead of breaking.
    const rejected = await page.evaluate(() =>
      window.aislecast.settings.set({ ui: { theme: 'neon' } } as never),
    );
    expect(rejected).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
  });

  it('gives the page no Node or IPC globals', async () => {
    const app = await apps.open();
    const globals = await app.page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
      module: typeof (window as unknown as { module?: unknown }).module,
      bridge: Object.keys(window.aislecast).sort(),
    }));
    expect(globals).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      module: 'undefined',
    });
    const namespaces = new Set(Object.keys(calls).map((name) => name.split('.')[0]!));
    expect(globals.bridge).toEqual([...namespaces, 'mediaUrl', 'on'].sort());
  });

  it('shows the connection state of each API', async () => {
    const app = await apps.open();
    const status = app.page.locator('.status-area');
    await expect
      .poll(() => status.locator('[data-service="queye"]').getAttribute('data-state'))
      .toBe('not-configured');
    await expect
      .poll(() => status.locator('[data-service="musique"]').textContent())
      .toContain('Not connected');
  });
});
