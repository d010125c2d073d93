import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type SandboxHandle } from '../support/sandbox.ts';
import { useChromiumApps } from './support/fixtures.ts';
import { sandboxTracks } from './support/player.ts';

const trackCount = 20_000;
const apps = useChromiumApps();
let sandbox: SandboxHandle | undefined;
beforeAll(async () => {
  sandbox = await startTestSandbox({ tracks: trackCount });
});
afterAll(() => sandbox?.close());

const running = () => {
  if (!sandbox) throw new Error('the sandbox is not running');
  return sandbox;
};

/** Text of one column in the rows a table shows, without the album covers' initials. */
function visibleColumn(page: Page, label: string, index: number): Promise<string[]> {
  return page
    .getByRole('grid', { name: label, exact: true })
    .locator('.vtable__row')
    .evaluateAll(
      (rows, at) =>
        rows.map((row) => {
          const cell = row.querySelectorAll('[role="gridcell"]')[at]?.cloneNode(true) as
            Element | undefined;
          cell?.querySelector('.album-art')?.remove();
          return cell?.textContent ?? '';
        }),
      index,
    );
}

/** As the library sorts text: accents and case set aside. */
const folded = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');

const shown = (page: Page) => page.locator('.library-toolbar__count').first().textContent();

describe('the Queye library in Chromium', () => {
  it('connects through Settings, syncs with progress, browses, and reopens offline from the cache', async () => {
    const queye = running();
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();

    // Settings → Queye Music, as a store manager would: keep the keys, paste them, point at
    // the sandbox under Advanced.
    await page.keyboard.press('Control+3');
    await page.getByRole('tab', { name: 'Queye Music' }).click();
    await page.getByRole('radio', { name: /Store them with weak protection/ }).click();
    await page.getByText(/Saved: keys are now stored with weak protection/).waitFor();
    await page.getByLabel('Client key').fill(queye.credentials.queyeClientKey);
    // A key copied with the line break after it.
    await page.getByLabel('User API key').fill(`${queye.credentials.queyeUserKey}\n`);
    const advanced = page.getByRole('button', { name: 'Advanced' });
    if ((await advanced.getAttribute('aria-expanded')) !== 'true') await advanced.click();
    await page.getByLabel('Queye base URL').fill(queye.queye.baseUrl);

    // Slow pages, so the progress of a 100-page sync can be watched.
    queye.control.addFault({
      service: 'queye',
      path: '/v1/library/tracks',
      kind: 'delay',
      ms: 60,
    });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: 'Connected', exact: true }).waitFor();
    // The page holds hints only: neither key, not even in the form it was typed into.
    const html = await page.content();
    expect(html).not.toContain(queye.credentials.queyeUserKey);
    expect(html).not.toContain(queye.credentials.queyeClientKey);

    await page.keyboard.press('Control+1');
    const bar = page.getByRole('progressbar', { name: 'Library sync' });
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const value = await bar
            .getAttribute('aria-valuenow', { timeout: 1000 })
            .catch(() => null);
          if (value !== null) seen.add(Number(value));
          return seen.size;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(3);
    const values = [...seen];
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await page.getByText('20,000 tracks', { exact: true }).waitFor({ timeout: 60_000 });
    queye.control.clearFaults();
    expect(await shown(page)).toBe('20,000 of 20,000');

    // Filter: a word of one track's title, found in title, artist or album.
    const target = sandboxTracks(queye).find((track) => /^[A-Za-z]{6,}$/.test(track.title));
    if (!target) throw new Error('no single-word title in the sandbox library');
    const word = target.title.toLowerCase();
    const filter = page.getByRole('searchbox', { name: 'Filter tracks' });
    await filter.fill(word.slice(0, 4).toUpperCase());
    await filter.fill(word);
    await expect.poll(() => shown(page)).toMatch(/^[\d,]+ of 20,000$/);
    const matching = await page
      .getByRole('grid', { name: 'Tracks', exact: true })
      .locator('.vtable__row')
      .allTextContents();
    expect(matching.length).toBeGreaterThan(0);
    for (const row of matching) expect(row.toLowerCase()).toContain(word);
    await filter.press('Escape');
    await expect.poll(() => shown(page)).toBe('20,000 of 20,000');

    // Sort by a column: titles ascending, then descending.
    await page.getByRole('button', { name: 'Title' }).click();
    const titleHeader = page.getByRole('columnheader', { name: /Title/ });
    await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('ascending');
    const titles = (await visibleColumn(page, 'Tracks', 0)).map(folded);
    expect(titles.length).toBeGreaterThan(5);
    for (let i = 1; i < titles.length; i++) expect(titles[i - 1]! <= titles[i]!).toBe(true);
    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('descending');

    // An album, and its tracks.
    await page.getByRole('tab', { name: 'Albums' }).click();
    const albums = page.getByRole('grid', { name: 'Albums', exact: true });
    await albums.locator('.vtable__row').first().waitFor();
    const [albumTitle = ''] = await visibleColumn(page, 'Albums', 0);
    await albums.locator('.vtable__row').first().dblclick();
    await page.getByRole('heading', { name: albumTitle, exact: true }).waitFor();
    const albumRows = page
      .getByRole('grid', { name: albumTitle, exact: true })
      .locator('.vtable__row');
    await expect.poll(() => albumRows.count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Back to albums' }).click();

    // A playlist, and its tracks.
    await page.getByRole('tab', { name: 'Playlists' }).click();
    const playlists = page.getByRole('grid', { name: 'Playlists', exact: true });
    await playlists.locator('.vtable__row').first().waitFor();
    const [playlistName = ''] = await visibleColumn(page, 'Playlists', 0);
    await playlists.locator('.vtable__row').first().dblclick();
    await page.getByRole('heading', { name: playlistName, exact: true }).waitFor();
    await expect
      .poll(() =>
        page.getByRole('grid', { name: playlistName, exact: true }).locator('.vtable__row').count(),
      )
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Back to playlists' }).click();
    await page.getByRole('tab', { name: 'Tracks' }).click();

    // Restart with Queye out of reach: the library is there from the cache, marked offline.
    await queye.close();
    sandbox = undefined;
    await app.restart();
    await page
      .getByRole('grid', { name: 'Tracks', exact: true })
      .locator('.vtable__row')
      .first()
      .waitFor();
    expect(await page.getByText('20,000 tracks', { exact: true }).count()).toBe(1);
    await page.getByText(/You are offline\. This is the library saved on this computer/).waitFor();
  });
});
