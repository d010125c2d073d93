import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromiumApps } from './support/fixtures.ts';

const apps = useChromiumApps();

const tableIds = (page: Page) =>
  page
    .locator('.vtable__row')
    .evaluateAll((rows) =>
      rows.map((row) => row.querySelector('[role="gridcell"]')?.textContent ?? ''),
    );

// Saved by a Portuguese spreadsheet: `;`, a BOM, CRLF, a quoted field with the delimiter in it,
// and a time-zone column under a name the app does not know ("Zona").
const csv = [
  '\ufeffLoja;Nome;Região;Etiquetas;Zona;Seg',
  'br_001;"Aisle Paulista; Centro";São Paulo;supermarket;America/Sao_Paulo;08:00-22:00',
  'br_002;Aisle Campinas;São Paulo;express;America/Sao_Paulo;',
  'br_003;Aisle Santos;São Paulo;express, flagship;GMT-3;',
  'pt_001;Aisle Lisboa;Lisboa;express;Europe/Lisbon;9h-21h',
  'pt 002;Aisle Porto;Porto;express;Europe/Lisbon;',
  'br_002;Aisle Campinas again;São Paulo;express;America/Sao_Paulo;',
  'us_001;Aisle Queens;New York;outlet;America/New_York;25:00-26:00',
].join('\r\n');

async function chooseFile(page: Page, name: string, content: string | Buffer) {
  await page.getByTestId('stores-import-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
  });
  await page.getByRole('heading', { name: `Import ${name}` }).waitFor();
}

describe('the store directory in Chromium', () => {
  it('imports a CSV with good and bad rows, fixes a mapping, filters, groups, and round-trips an export', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await page.keyboard.press('Control+4');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Stores');
    await page.getByRole('heading', { name: 'No stores yet' }).waitFor();

    await chooseFile(page, 'lojas.csv', csv);
    const counts = page.locator('.store-import__counts');
    // Without a time-zone column every row lacks a zone.
    await expect.poll(() => counts.textContent()).toMatch(/0 new.*7 with problems/);
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption({ label: 'Zona' });
    await expect
      .poll(() => counts.textContent())
      .toBe('3 new, 0 already in the directory, 0 unchanged, 4 with problems.');
    const problems = page.getByRole('list', { name: '4 rows have problems' });
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      'Line 4br_003“GMT-3” is not a time zone name. Did you mean America/Sao_Paulo?',
      'Line 6pt 002The External ID “pt 002” has a space inside; Musique IDs have none.',
      'Line 7br_002External ID br_002 already appears on line 3 of this file.',
      'Line 8us_001Opening hours “25:00-26:00” for mon are not readable; write them like 08:00-22:00 or closed.',
    ]);
    // The suggested zone is taken unless the box is cleared.
    await page.getByRole('button', { name: 'Import 4 stores' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('4 imported, 0 updated, 3 skipped');
    await page.getByText('See why rows were skipped').click();
    await page.getByText(/already appears on line 3/).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByText('4 stores in 2 regions, 2 time zones.').waitFor();
    expect(await tableIds(page)).toEqual(['br_002', 'pt_001', 'br_001', 'br_003']);
    expect(app.host.services.stores.lookup.get('br_003')?.timeZone).toBe('America/Sao_Paulo');
    expect(app.host.services.stores.lookup.get('br_001')?.name).toBe('Aisle Paulista; Centro');

    // Filter by text, then by region.
    const filter = page.getByRole('searchbox', { name: 'Filter stores' });
    await filter.fill('lisboa');
    await expect.poll(() => tableIds(page)).toEqual(['pt_001']);
    await filter.press('Escape');
    await page.getByRole('combobox', { name: 'Region' }).selectOption('São Paulo');
    await expect.poll(() => tableIds(page)).toEqual(['br_002', 'br_001', 'br_003']);
    await page.getByRole('combobox', { name: 'Region' }).selectOption('');

    // A rule group: every store tagged express. It follows a later edit by itself.
    await page.getByRole('button', { name: 'New rule group' }).click();
    await page.getByLabel('Group name').fill('Express');
    await page.getByRole('combobox', { name: 'Has tag' }).selectOption('express');
    await page.getByRole('button', { name: 'Save group' }).click();
    const group = page.getByRole('button', { name: /^Express\s*3 stores$/ });
    await group.click();
    await expect.poll(() => tableIds(page)).toEqual(['br_002', 'pt_001', 'br_003']);
    await page.getByRole('button', { name: /^All stores/ }).click();
    await page.locator('.vtable__row', { hasText: 'br_001' }).click();
    await page.getByRole('textbox', { name: 'Tag' }).fill('express');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: /^Express\s*4 stores$/ }).waitFor();

    // Export everything, then import the file back: nothing changes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all' }).click(),
    ]);
    const exported = await readFile(await download.path());
    expect(exported.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await chooseFile(page, 'export.csv', exported);
    await expect
      .poll(() => counts.textContent())
      .toBe('0 new, 0 already in the directory, 4 unchanged, 0 with problems.');
    expect(await page.getByRole('button', { name: 'Import 0 stores' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all' }).click(),
    ]);
    expect((await readFile(await again.path())).equals(exported)).toBe(true);
  });

  it('shows the demo directory seeded from the sandbox, and the saved one again after leaving', async () => {
    const app = await apps.open();
    const { page } = app;
    await page.getByRole('button', { name: 'Start the demo' }).click();
    await page.locator('.demo-banner').waitFor();
    await page.keyboard.press('Control+4');
    const summary = page.locator('.stores-summary');
    await expect
      .poll(() => summary.textContent())
      .toMatch(/^1,200 stores in \d+ regions, \d+ time zones\./);
    expect(await summary.textContent()).toMatch(/\d test stores\..*demo's directory/);
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Lisbon');
    await expect.poll(async () => (await tableIds(page)).length).toBeGreaterThan(5);

    await page.getByRole('button', { name: 'Leave the demo' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Leave the demo' }).click();
    await page.getByRole('dialog', { name: 'Welcome to Aislecast' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'No stores yet' }).waitFor();
  });
});
