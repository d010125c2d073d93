import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type SandboxHandle } from '../support/sandbox.ts';
import { useChromiumApps } from './support/fixtures.ts';

const apps = useChromiumApps();
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

/** Settings → Musique → Advanced: point the app at the sandbox, as a user would. */
async function useSandboxUrl(page: Page) {
  await page.keyboard.press('Control+3');
  await page.getByRole('tab', { name: 'Musique' }).click();
  await page.getByRole('button', { name: 'Advanced' }).click();
  const field = page.getByLabel('Base URL');
  await field.fill(sandbox.musique.v1BaseUrl);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => field.inputValue()).toBe(sandbox.musique.v1BaseUrl);
  await page.getByRole('button', { name: 'Advanced' }).click();
}

describe('connecting Musique in Chromium', () => {
  it('generates a token, explains refusals at their fields, shows permissions, and revokes', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await useSandboxUrl(page);

    await page.getByRole('tab', { name: 'Generate a token' }).click();
    const externalId = page.getByLabel('External ID');
    const companyToken = page.getByLabel('Company token');
    const generate = page.getByRole('button', { name: 'Generate and connect' });

    await externalId.fill(sandbox.credentials.musiqueExternalId);
    await companyToken.fill(sandbox.credentials.musiqueCompanyToken);
    await generate.click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('This External ID already has a live API token.');

    await externalId.fill('e2e_hq');
    await companyToken.fill('comp_notTheRightOne');
    await generate.click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('Musique did not accept the company token.');

    await companyToken.fill(`  ${sandbox.credentials.musiqueCompanyToken}  `);
    await generate.click();
    await page.getByRole('heading', { name: 'Connected account' }).waitFor();
    expect(await page.getByTestId('external-id').textContent()).toBe('e2e_hq');
    const badge = page.getByTestId('environment-badge');
    expect(await badge.textContent()).toBe('Development');
    const permissions = page.getByRole('list', { name: 'Permissions' });
    expect(await permissions.getByText('Granted').count()).toBe(4);
    const hint = (await page.getByTestId('token-hint').textContent()) ?? '';
    expect(hint).toMatch(/^demo_test_…[0-9a-f]{4}$/);
    await expect
      .poll(() => page.locator('.status-area [data-service="musique"]').getAttribute('data-state'))
      .toBe('online');

    // Nothing secret reached the page: only the hint.
    const html = await page.content();
    expect(html).not.toContain(sandbox.credentials.musiqueCompanyToken);

    await page.getByRole('button', { name: 'Revoke token…' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain(hint);
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByLabel('API token').waitFor();
    const issued = sandbox.control
      .requests({ service: 'musique', pathPrefix: '/api/integration/auth' })
      .filter((entry) => entry.method === 'DELETE');
    expect(issued.map((entry) => entry.status)).toEqual([200]);
  });

  it('pastes a token with stray whitespace and shows why a revoked one is refused', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await useSandboxUrl(page);

    const revoked = sandbox.control.issueMusiqueToken({ externalId: 'e2e_old' });
    sandbox.control.revokeToken(revoked.token);
    const field = page.getByLabel('API token');
    await field.fill(revoked.token);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('This Musique API token has been revoked.');

    await field.fill(`  ${sandbox.credentials.musiqueApiToken}  `);
    expect(await page.getByText('Spaces or line breaks were removed').count()).toBe(1);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: 'Connected account' }).waitFor();
    expect(await page.getByTestId('external-id').textContent()).toBe('hq_demo');
  });
});
