import { describe, expect, it } from 'vitest';
import { useChromiumApps } from './support/fixtures.ts';

const apps = useChromiumApps();

describe('first run and the demo', () => {
  it('offers the demo, runs it labelled DEMO, resumes it after a restart, and leaves it', async () => {
    const app = await apps.open();
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
