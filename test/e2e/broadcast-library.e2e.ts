import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../src-preload/contract/schemas/musique.ts';
import {
  mp3Fixture,
  startTestSandbox,
  wavFixture,
  type SandboxHandle,
} from '../support/sandbox.ts';
import { useChromiumApps } from './support/fixtures.ts';
import { audio, connectQueye, instrumentPlayback } from './support/player.ts';

const apps = useChromiumApps();
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const minuteLeft = async (page: Page) =>
  Number((await page.getByTestId('quota-minute').textContent())?.replace(/\D/g, ''));

const tableNames = (page: Page) =>
  page
    .locator('.vtable__row')
    .evaluateAll((rows) =>
      rows.map((row) => row.querySelector('[role="gridcell"]')?.textContent ?? ''),
    );

describe('the broadcaster in Chromium', () => {
  it('connects, uploads two MP3s with progress, rejects a fake, previews one over ducked music, deletes one, and the quota moves', async () => {
    // Start on a fresh minute of the sandbox clock, so the quota's minute window cannot reset
    // under the test and hide the calls it makes.
    sandbox.control.advance(60_000 - (sandbox.control.now() % 60_000));
    const app = await apps.open();
    const { page } = app;
    await instrumentPlayback(page);
    await app.dismissWelcome();
    // Music plays in the store while the announcements are managed.
    await connectQueye(app, sandbox);
    await page.locator('.vtable__row').first().dblclick();
    await expect.poll(async () => (await audio(page))?.paused).toBe(false);
    const musicSrc = (await audio(page))!.src;
    app.host.services.settings.update({ musique: { baseUrl: sandbox.musique.v1BaseUrl } });

    // Connect with the demo company token, for an External ID of our own.
    await page.goto(`${app.host.url}#/settings/musique`);
    await page.getByRole('tab', { name: 'Generate a token' }).click();
    await page.getByLabel('External ID').fill('e2e_broadcaster');
    await page.getByLabel('Company token').fill(sandbox.credentials.musiqueCompanyToken);
    await page.getByRole('button', { name: 'Generate and connect' }).click();
    await page.getByRole('heading', { name: 'Connected account' }).waitFor();
    expect(await page.getByRole('list', { name: 'Permissions' }).getByText('Granted').count()).toBe(
      4,
    );

    await page.keyboard.press('Control+2');
    const header = page.getByRole('region', { name: 'Broadcaster' });
    await header.waitFor();
    expect(await header.getByTestId('environment-badge').textContent()).toBe('Development');
    expect(await header.textContent()).toContain('Connected as e2e_broadcaster');
    await expect
      .poll(() => page.getByTestId('service-light').getAttribute('data-level'))
      .toBe('healthy');
    const listed = (await (
      await fetch(`${sandbox.musique.v1BaseUrl}/audio`, {
        headers: { 'x-api-key': sandbox.credentials.musiqueApiToken },
      })
    ).json()) as { total: number };
    await expect.poll(() => tableNames(page)).toHaveLength(listed.total);
    await expect.poll(() => minuteLeft(page)).toBeGreaterThan(0);
    const quotaBefore = await minuteLeft(page);

    // Three files at once: two real MP3s and a WAV posing as one.
    const [first, second, fake] = await Promise.all([
      mp3Fixture({ seconds: 120, seed: 11 }),
      mp3Fixture({ seconds: 90, seed: 12 }),
      wavFixture({ seconds: 2 }, 'posing-as.mp3'),
    ]);
    await page.getByRole('tab', { name: 'Upload' }).click();
    expect(await page.getByTestId('environment-badge').count()).toBe(1);
    await page.evaluate(() => {
      const seen: UploadProgress[] = [];
      (window as unknown as { progress: UploadProgress[] }).progress = seen;
      window.aislecast.on('musique.uploadProgress', (event) => seen.push(event));
    });
    await page.getByTestId('file-input').setInputFiles([
      { name: 'Opening hours.mp3', mimeType: 'audio/mpeg', buffer: first.bytes },
      { name: 'Lunch deal.mp3', mimeType: 'audio/mpeg', buffer: second.bytes },
      { name: 'jingle.mp3', mimeType: 'audio/mpeg', buffer: fake.bytes },
    ]);
    const row = (file: string) => page.locator(`[data-testid="upload-row"][data-file="${file}"]`);
    await expect.poll(() => row('jingle.mp3').getAttribute('data-stage')).toBe('rejected');
    expect(await row('jingle.mp3').getByTestId('reject-reason').textContent()).toMatch(
      /WAV file, not MP3 \(checked by its content, not its name\)/,
    );
    await expect.poll(() => row('Opening hours.mp3').getAttribute('data-stage')).toBe('ready');
    await expect.poll(() => row('Lunch deal.mp3').getAttribute('data-stage')).toBe('ready');
    expect(await row('Opening hours.mp3').getByLabel('Name').inputValue()).toBe('Opening hours');
    await row('Lunch deal.mp3').getByLabel('Category').selectOption('promotion');

    await page.getByRole('button', { name: 'Upload all ready files' }).click();
    await expect.poll(() => row('Opening hours.mp3').getAttribute('data-stage')).toBe('done');
    await expect.poll(() => row('Lunch deal.mp3').getAttribute('data-stage')).toBe('done');
    expect(await row('Lunch deal.mp3').getByRole('progressbar').getAttribute('aria-valuenow')).toBe(
      '100',
    );
    const progress = await page.evaluate(
      () => (window as unknown as { progress: UploadProgress[] }).progress,
    );
    for (const size of [first.bytes.length, second.bytes.length]) {
      const events = progress.filter((p) => p.totalBytes === size);
      const sent = events.filter((p) => p.phase === 'uploading').map((p) => p.sentBytes);
      expect(sent.length).toBeGreaterThan(3);
      expect(sent.at(-1)).toBe(size);
      expect(events.at(-1)?.phase).toBe('done');
    }

    // Both are in the library; delete one.
    await page.getByRole('tab', { name: 'Library' }).click();
    await expect
      .poll(() => tableNames(page))
      .toEqual(expect.arrayContaining(['Opening hours', 'Lunch deal']));
    await page.locator('.vtable__row', { hasText: 'Lunch deal' }).click();
    const detail = page.getByRole('complementary', { name: 'Audio details' });
    await detail.getByRole('heading', { name: 'Lunch deal' }).waitFor();
    expect(await detail.textContent()).toContain('promotion');
    const id = (await detail.locator('code').first().textContent()) ?? '';

    // Preview the other one: it plays over the music, which is lowered, then restored.
    await page.locator('.vtable__row', { hasText: 'Opening hours' }).click();
    await detail.getByRole('heading', { name: 'Opening hours' }).waitFor();
    await detail.getByRole('button', { name: 'Preview' }).click();
    const elements = () =>
      page.evaluate(() =>
        [...(window as unknown as { __media: Set<HTMLMediaElement> }).__media].map((e) => ({
          src: e.src,
          paused: e.paused,
          volume: e.volume,
          time: e.currentTime,
        })),
      );
    await expect
      .poll(async () => {
        const all = await elements();
        const music = all.find((e) => e.src === musicSrc);
        const preview = all.find((e) => e.src.includes('/media/audio/'));
        return !!preview && !preview.paused && preview.time > 0.2 && music!.volume < 0.3;
      })
      .toBe(true);
    expect((await elements()).find((e) => e.src === musicSrc)?.paused).toBe(false);
    expect(await page.getByTestId('playback-notice').textContent()).toContain(
      'Previewing “Opening hours”',
    );
    await detail.getByRole('button', { name: 'Stop preview' }).click();
    await expect
      .poll(async () => (await elements()).find((e) => e.src === musicSrc)?.volume)
      .toBeCloseTo(0.8, 2);
    await page.locator('.vtable__row', { hasText: 'Lunch deal' }).click();
    await detail.getByRole('heading', { name: 'Lunch deal' }).waitFor();

    // The preview source answers byte ranges through the browser host, token kept in main.
    const media = await page.evaluate(async (audioId) => {
      const response = await fetch(window.aislecast.mediaUrl('audio', audioId), {
        headers: { range: 'bytes=0-99' },
      });
      return { status: response.status, range: response.headers.get('content-range') };
    }, id);
    expect(media).toEqual({ status: 206, range: `bytes 0-99/${second.bytes.length}` });

    await detail.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => tableNames(page)).not.toContain('Lunch deal');
    expect(await tableNames(page)).toContain('Opening hours');
    const gone = await fetch(`${sandbox.musique.v1BaseUrl}/audio/${id}`, {
      headers: { 'x-api-key': sandbox.credentials.musiqueApiToken },
    });
    expect(gone.status).toBe(404);

    // Every one of those calls counted against the token's minute window.
    await expect.poll(() => minuteLeft(page)).toBeLessThan(quotaBefore);
  });
});
