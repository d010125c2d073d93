import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type SandboxHandle } from '../support/sandbox.ts';
import type { RunningApp } from './support/app.ts';
import { useChromiumApps } from './support/fixtures.ts';

const apps = useChromiumApps();
let sandbox: SandboxHandle;
let production: SandboxHandle;
beforeAll(async () => {
  [sandbox, production] = await Promise.all([
    startTestSandbox(),
    startTestSandbox({ musiqueEnvironment: 'live' }),
  ]);
});
afterAll(async () => {
  await sandbox?.close();
  await production?.close();
});

/*
 * Two zones that never change their clocks, 25 hours apart: 09:00 on day D is D−1 19:00 UTC on
 * Kiritimati (UTC+14) and D 20:00 UTC in Pago Pago (UTC−11). With D the UTC date five hours from
 * now, 09:00 has always passed on Kiritimati and is always to come in Pago Pago, and the same
 * time the next day on Kiritimati (D 19:00 UTC) is to come as well.
 */
function dayD(nowMs: number): string {
  return new Date(nowMs + 5 * 3_600_000).toISOString().slice(0, 10);
}
const utc = (day: string, hour: number, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + (plusDays * 24 + hour) * 3_600_000).toISOString();

// Sandbox devices, described the way the shop's spreadsheet has them.
// Pago Pago opens only in the afternoon, so a 09:00 play finds it closed.
const afternoons = Array(7).fill('13:00-21:00').join(',');
const unknownHours = ',,,,,,';
const csv = [
  'External ID,Name,Region,Tags,Time zone,Test store,Mon,Tue,Wed,Thu,Fri,Sat,Sun',
  `store_0001,Test bench,Head office,lab,Europe/Lisbon,yes,${unknownHours}`,
  `store_0002,Aisle Kiritimati,Pacific,island,Pacific/Kiritimati,no,${unknownHours}`,
  `store_0003,Aisle London Island,Pacific,island,Pacific/Kiritimati,no,${unknownHours}`,
  `store_0004,Aisle Pago Pago,Pacific,island,Pacific/Pago_Pago,no,${afternoons}`,
  `store_0005,Aisle Lisboa,Lisboa,flagship,Europe/Lisbon,no,${unknownHours}`,
].join('\n');

/** Points the app at a sandbox and connects its pre-issued token (every permission). */
async function connect(app: RunningApp, which: SandboxHandle) {
  app.host.services.settings.update({ musique: { baseUrl: which.musique.v1BaseUrl } });
  await app.page.evaluate(
    (token) => window.aislecast.musique.connect({ token }),
    which.credentials.musiqueApiToken,
  );
}

async function importStores(page: Page) {
  await page.keyboard.press('Control+4');
  await page.getByRole('heading', { name: 'No stores yet' }).waitFor();
  await page.getByTestId('stores-import-file').setInputFiles({
    name: 'stores.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByRole('button', { name: 'Import 5 stores' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByText('5 stores in 3 regions, 3 time zones.').waitFor();
}

async function firstAnnouncement(which: SandboxHandle): Promise<{ id: string; name: string }> {
  const response = await fetch(`${which.musique.v1BaseUrl}/audio`, {
    headers: { 'x-api-key': which.credentials.musiqueApiToken },
  });
  const body = (await response.json()) as { items?: Array<Record<string, string>> };
  const item = (body.items ?? [])[0]!;
  return { id: item.id ?? item.audioId!, name: item.name! };
}

const ledgerOf = (which: SandboxHandle, audioId: string) =>
  which.control
    .ledger()
    .filter((entry) => entry.audioId === audioId)
    .map((e) => ({ externalId: e.externalId, scheduled: e.scheduled, deliveredAt: e.deliveredAt }))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));

describe('the composer in Chromium', () => {
  it('imports stores, test-sends to one, then sends to a region at 09:00 local with one zone already past', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await connect(app, sandbox);
    await importStores(page);
    const audio = await firstAnnouncement(sandbox);
    const day = dayD(Date.now());

    // "Send…" on the item opens the composer with it chosen.
    await page.keyboard.press('Control+2');
    await page.getByRole('region', { name: 'Broadcaster' }).waitFor();
    await page.locator('.vtable__row', { hasText: audio.name }).first().click();
    await page.getByRole('button', { name: 'Send…' }).click();
    await page.getByRole('heading', { name: 'Who receives it' }).waitFor();

    await page.getByRole('combobox', { name: 'Region' }).selectOption('Pacific');
    await page.getByRole('button', { name: 'Add region' }).click();
    await expect
      .poll(() => page.locator('.composer-targets__count').first().textContent())
      .toBe('3 stores in 2 time zones; no test stores');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    await page.getByRole('radio', { name: /At a local time/ }).check();
    await page.getByLabel('Date', { exact: true }).fill(day);
    await page.getByLabel('Time in each store’s zone').fill('09:00');
    const passed = page.locator('.composer-passed');
    await passed
      .getByRole('heading', { name: '09:00 has already passed in 1 time zone' })
      .waitFor();
    expect(await passed.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Pacific\/Kiritimati: 2 stores; it was .+ there$/),
    ]);
    await passed.getByRole('radio', { name: 'Move them to the same time the next day' }).check();
    const closed = page.getByRole('note', { name: '1 store is closed at its play time' });
    expect(await closed.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(
        /^store_0004 \(Pacific\/Pago_Pago\): plays .+ 9:00 AM; open [a-z]{3} 13:00-21:00$/,
      ),
    ]);

    await page
      .getByRole('navigation', { name: 'Steps' })
      .getByRole('button', { name: /Check and send/ })
      .click();
    const when = page.getByTestId('composer-when');
    await expect
      .poll(() => when.getByRole('listitem').allTextContents())
      .toEqual([
        expect.stringMatching(
          /^Pacific\/Kiritimati: .+ — 2 stores \(time had passed: the next day\)$/,
        ),
        expect.stringMatching(/^Pacific\/Pago_Pago: .+ — 1 store$/),
      ]);
    await expect
      .poll(() => page.getByTestId('composer-forecast').textContent())
      .toMatch(/^2 requests; starts now/);

    // Test first: now, to the directory's test store only.
    await page.getByRole('button', { name: 'Send a test to store_0001' }).click();
    await page.getByText(/Test sent to store_0001/).waitFor();
    await expect.poll(() => ledgerOf(sandbox, audio.id)).toHaveLength(1);
    expect(ledgerOf(sandbox, audio.id)[0]).toMatchObject({
      externalId: 'store_0001',
      scheduled: false,
    });

    // Then the real thing: three stores on a development token, confirmed with the count.
    await page.getByRole('button', { name: 'Send to 3 stores' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Send to 3 stores in Development?' });
    await dialog.getByRole('button', { name: 'Send' }).click();
    // The job's live view takes over.
    await page.getByRole('tab', { name: 'Sending', selected: true }).waitFor();
    await expect.poll(() => ledgerOf(sandbox, audio.id)).toHaveLength(4);
    const [test, ...region] = ledgerOf(sandbox, audio.id);
    expect(test).toMatchObject({ externalId: 'store_0001', scheduled: false });
    expect(region).toEqual([
      { externalId: 'store_0002', scheduled: true, deliveredAt: utc(day, 19) },
      { externalId: 'store_0003', scheduled: true, deliveredAt: utc(day, 19) },
      { externalId: 'store_0004', scheduled: true, deliveredAt: utc(day, 20) },
    ]);
    expect(sandbox.control.ledgerDuplicates()).toEqual([]);
  });

  it('is operated by keyboard only, and a production token asks for the store count typed', async () => {
    const app = await apps.open();
    const { page } = app;
    await app.dismissWelcome();
    await connect(app, production);
    for (const [id, zone] of [
      ['store_0010', 'Europe/Lisbon'],
      ['store_0011', 'America/Sao_Paulo'],
    ] as const) {
      await page.evaluate((store) => window.aislecast.stores.add({ store }), {
        externalId: id,
        name: `Aisle ${id}`,
        region: 'Test',
        tags: [],
        timeZone: zone,
        testStore: false,
      });
    }
    const audio = await firstAnnouncement(production);
    const key = (combo: string, times = 1) =>
      (async () => {
        for (let i = 0; i < times; i++) await page.keyboard.press(combo);
      })();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return `${el?.tagName ?? ''} ${el?.getAttribute('aria-label') ?? el?.textContent ?? ''}`.trim();
      });
    /** Tabs forward until the focused element's text or label matches. */
    async function tabTo(pattern: RegExp, limit = 40) {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`Tab never reached ${pattern} (last: ${await focused()})`);
    }

    await page.keyboard.press('Control+2');
    await page.getByRole('region', { name: 'Broadcaster' }).waitFor();
    await page.getByRole('tab', { name: 'Library' }).focus();
    await key('ArrowRight');
    await page.getByRole('heading', { name: 'What to send' }).waitFor();

    // What: search, then pick with the arrow keys.
    await tabTo(/INPUT/);
    await page.keyboard.type(audio.name);
    await key('Tab');
    await key('Space');
    await page.getByText(`Chosen: ${audio.name}`).waitFor();
    await tabTo(/^BUTTON Next$/);
    await key('Enter');
    await expect.poll(focused).toBe('H2 Who receives it');

    // Who: every store (the radio group's arrow keys move the choice).
    await tabTo(/INPUT/);
    await key('ArrowUp');
    await page.getByText('2 stores in 2 time zones; no test stores').first().waitFor();
    await tabTo(/^BUTTON Next$/);
    await key('Enter');
    await expect.poll(focused).toBe('H2 When it plays');

    // When: now (the default). How: volume 60.
    await tabTo(/^BUTTON Next$/);
    await key('Enter');
    await expect.poll(focused).toBe('H2 How it plays');
    await tabTo(/INPUT/);
    while (
      !(await page.evaluate(() => (document.activeElement as HTMLInputElement).type === 'number'))
    )
      await key('Tab');
    await key('Tab');
    await key('Control+A');
    await page.keyboard.type('60');
    await tabTo(/^BUTTON Next$/);
    await key('Enter');
    await expect.poll(focused).toBe('H2 Check and send');
    await expect
      .poll(() => page.getByTestId('composer-forecast').textContent())
      .toMatch(/^1 requests?; starts now/);

    // Ctrl+Enter sends, through the production confirmation: the count must be typed.
    await key('Control+Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Send to 2 stores in Production?' });
    await dialog.waitFor();
    expect(await focused()).toMatch(/^INPUT/);
    await page.keyboard.type('3');
    expect(await dialog.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await key('Enter');
    expect(ledgerOf(production, audio.id)).toEqual([]);
    await key('Backspace');
    await page.keyboard.type('2');
    await key('Enter');
    await expect.poll(() => ledgerOf(production, audio.id)).toHaveLength(2);
    expect(ledgerOf(production, audio.id).map((e) => e.externalId)).toEqual([
      'store_0010',
      'store_0011',
    ]);
    expect(production.control.ledger().filter((e) => e.audioId === audio.id)[0]?.volume).toBe(60);
  });
});
