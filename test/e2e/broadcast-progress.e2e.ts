import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src-preload/contract/define.ts';
import type {
  BroadcastJob,
  BroadcastRequestArgs,
} from '../../src-preload/contract/schemas/broadcast.ts';
import type { LedgerEntry, RequestLogEntry } from '../../src-main/sandbox/index.ts';
import type {
  AnnouncementLibrarySnapshot,
  MusiqueAccount,
} from '../../src-preload/contract/schemas/musique.ts';
import { localToUtc } from '../../src-preload/contract/schemas/local-time.ts';
import { useChromiumApps } from './support/fixtures.ts';

const apps = useChromiumApps();

/** Calls the app's own bridge (`window.aislecast`) from the page, unwrapping its outcome. */
async function call<T>(page: Page, namespace: string, method: string, args?: unknown): Promise<T> {
  const outcome = await page.evaluate(
    ([ns, name, request]) => {
      const bridge = (window as unknown as { aislecast: Record<string, Record<string, unknown>> })
        .aislecast;
      const fn = bridge[ns]![name] as (a?: unknown) => Promise<Outcome<unknown>>;
      return fn(request);
    },
    [namespace, method, args] as const,
  );
  if (!outcome.ok) throw new Error(`${namespace}.${method} refused: ${outcome.error.message}`);
  return outcome.value as T;
}

/** The demo sandbox's control routes (loopback only), found from the demo's Musique address. */
function controlOf(baseUrl: string) {
  const origin = new URL(baseUrl).origin;
  return async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${origin}/__control${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`control ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
}

describe('watching a broadcast and proving what reached whom, in Chromium', () => {
  it('shows quota waits through a 429 storm, completes, lists the job in history, and its CSV matches the ledger', async () => {
    const app = await apps.open();
    const { page } = app;
    await page.getByRole('button', { name: 'Start the demo' }).click();
    await page.locator('.demo-banner').waitFor();
    const account = await call<MusiqueAccount>(page, 'musique', 'account');
    expect(account.demo).toBe(true);
    const control = controlOf(account.baseUrl);
    const library = await call<AnnouncementLibrarySnapshot>(page, 'musique', 'refreshLibrary');
    const announcement = library.items[0]!;
    const stores = await control<{ items: Array<{ externalId: string }> }>('/stores');
    const targets = stores.items.slice(0, 240).map((store) => store.externalId);

    // After the first request goes through, Musique answers the next three with 429 and a
    // Retry-After: the job must show a wait, then finish by itself.
    await control('/faults', {
      kind: 'rateLimitStorm',
      service: 'musique',
      method: 'POST',
      path: '/api/v1/integration/audio/*/send',
      skip: 1,
      times: 3,
      retryAfterSec: 2,
    });

    await page.keyboard.press('Control+2');
    await page.getByRole('region', { name: 'Broadcaster' }).waitFor();
    const job = await call<BroadcastJob>(page, 'broadcast', 'start', {
      audioId: announcement.id,
      audioName: announcement.name,
      externalIds: targets,
      schedule: { kind: 'now' },
      options: { priority: 'high', repeat: 1, volume: 80 },
      chunkSize: 40,
    } satisfies BroadcastRequestArgs);

    // The indicator in the sidebar opens the job from anywhere.
    await page.keyboard.press('Control+1');
    const indicator = page.getByRole('region', { name: 'Broadcasts in progress' });
    await indicator.getByRole('button').click();
    await page.getByRole('heading', { level: 2, name: announcement.name }).waitFor();
    expect(await page.locator('h1').textContent()).toBe('Broadcast');

    const state = page.getByTestId('job-state');
    await expect
      .poll(() => state.textContent(), { timeout: 20_000, interval: 50 })
      .toMatch(/Resumes at .* — Musique asked to wait \(Retry-After\)/);
    expect(await state.getAttribute('data-state')).toBe('waiting');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    expect(await page.getByTestId('count-sent').textContent()).toBe('240');
    expect(await page.getByTestId('count-failed').textContent()).toBe('0');
    const bar = page.getByRole('progressbar', { name: `Progress of ${announcement.name}` });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => indicator.count()).toBe(0);
    // Musique's own log: three sends refused with 429, then every chunk accepted once.
    const sends = (
      await control<{ items: RequestLogEntry[] }>('/requests?service=musique')
    ).items.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/send'));
    expect(sends.filter((entry) => entry.status === 429)).toHaveLength(3);
    expect(sends.filter((entry) => entry.status === 200)).toHaveLength(6);

    // History lists it; its CSV has one row per store, matching Musique's ledger.
    await page.getByRole('tab', { name: 'History' }).click();
    const table = page.getByRole('table', { name: 'Broadcast history' });
    const jobRow = table.locator(`tr[data-job="${job.id}"]`);
    await jobRow.waitFor();
    expect(await jobRow.textContent()).toContain('Complete');
    expect(await jobRow.textContent()).toContain('240');
    await jobRow.getByRole('button', { name: announcement.name }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`broadcast-${job.id}.csv`);
    const text = (await readFile(await download.path())).toString('utf8').replace(/^\ufeff/, '');
    const rows = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(240);
    expect(new Set(rows.map((r) => r.external_id))).toEqual(new Set(targets));
    expect(rows.every((r) => r.status === 'sent' && r.job_id === job.id)).toBe(true);

    const ledger = await control<{ items: LedgerEntry[]; duplicates: unknown[] }>('/ledger');
    const delivered = ledger.items.filter((entry) => entry.audioId === announcement.id);
    expect(delivered).toHaveLength(240);
    const sendOf = new Map(delivered.map((entry) => [entry.externalId, entry.sendId]));
    for (const row of rows) expect(row.send_id).toBe(sendOf.get(row.external_id!));
    expect(ledger.duplicates).toEqual([]);

    // One store's own history lists that announcement.
    await page.getByRole('button', { name: `History of ${targets[0]}` }).click();
    await page.getByRole('heading', { name: `Every announcement sent to ${targets[0]}` }).waitFor();
    await page.getByRole('table', { name: `Every announcement sent to ${targets[0]}` }).waitFor();
    expect(
      await page
        .getByRole('table', { name: `Every announcement sent to ${targets[0]}` })
        .textContent(),
    ).toContain(announcement.name);
  });

  it('plays a local-time send scheduled for tomorrow by moving the demo clock to its first zone', async () => {
    const app = await apps.open();
    const { page } = app;
    await page.getByRole('button', { name: 'Start the demo' }).click();
    await page.locator('.demo-banner').waitFor();
    const account = await call<MusiqueAccount>(page, 'musique', 'account');
    const control = controlOf(account.baseUrl);
    const library = await call<AnnouncementLibrarySnapshot>(page, 'musique', 'refreshLibrary');
    const announcement = library.items[1] ?? library.items[0]!;
    const stores = (
      await control<{ items: Array<{ externalId: string; timeZone: string }> }>('/stores')
    ).items;
    // 09:00 tomorrow (by the sandbox's UTC date) is in the future in every zone.
    const { now } = await control<{ now: number }>('/clock');
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    // Two zones whose 09:00 falls at different instants.
    const zoneA = stores[0]!.timeZone;
    const playsAt = (zone: string) => localToUtc(`${tomorrow}T09:00`, zone).utcMs;
    const zoneB = stores.find((store) => playsAt(store.timeZone) !== playsAt(zoneA))!.timeZone;
    const picked = [
      ...stores.filter((store) => store.timeZone === zoneA).slice(0, 5),
      ...stores.filter((store) => store.timeZone === zoneB).slice(0, 5),
    ];
    const zoneOf = new Map(picked.map((store) => [store.externalId, store.timeZone]));
    const first = playsAt(zoneA) < playsAt(zoneB) ? zoneA : zoneB;

    await page.keyboard.press('Control+2');
    await page.getByRole('region', { name: 'Broadcaster' }).waitFor();
    const job = await call<BroadcastJob>(page, 'broadcast', 'start', {
      audioId: announcement.id,
      audioName: announcement.name,
      externalIds: picked.map((store) => store.externalId),
      schedule: { kind: 'local', localTime: `${tomorrow}T09:00` },
      options: {},
    } satisfies BroadcastRequestArgs);
    await page.getByRole('tab', { name: 'Sending' }).click();
    await page.getByRole('heading', { level: 2, name: announcement.name }).waitFor();
    await expect
      .poll(() => page.getByTestId('job-state').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done');

    // Accepted by Musique, but nothing has played yet.
    const ledger = async () =>
      (await control<{ items: LedgerEntry[] }>('/ledger')).items.filter(
        (entry) => entry.audioId === announcement.id,
      );
    expect((await ledger()).map((entry) => entry.delivered)).toEqual(Array(10).fill(false));

    const offer = page.getByTestId('demo-clock');
    const clockBefore = await offer.locator('p').first().textContent();
    await offer.getByRole('button', { name: /^Move the demo clock to / }).click();
    await expect.poll(() => offer.locator('p').first().textContent()).not.toBe(clockBefore);

    // The zone that reaches 09:00 first has played; the other has not yet.
    const after = await ledger();
    const played = after.filter((entry) => entry.delivered);
    expect(played).toHaveLength(5);
    expect(new Set(played.map((entry) => zoneOf.get(entry.externalId)))).toEqual(new Set([first]));
    expect(after.filter((entry) => !entry.delivered)).toHaveLength(5);
    // And the next zone's play is offered.
    await offer.getByRole('button', { name: /^Move the demo clock to / }).waitFor();
    expect(job.schedule).toEqual({ kind: 'local', localTime: `${tomorrow}T09:00` });
  });
});
