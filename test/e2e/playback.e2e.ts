import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type SandboxHandle } from '../support/sandbox.ts';
import type { RunningApp } from './support/app.ts';
import { useChromiumApps } from './support/fixtures.ts';
import {
  audio,
  connectQueye,
  instrumentPlayback,
  mediaSessionAction,
  nowPlaying,
  playingTrack,
  sandboxTracks,
} from './support/player.ts';

const apps = useChromiumApps();
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startTestSandbox({ tracks: 48, playlists: 3 });
});
afterAll(() => sandbox?.close());
afterEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.clearRequests();
});

async function openConnected(): Promise<RunningApp> {
  const app = await apps.open();
  await instrumentPlayback(app.page);
  await app.dismissWelcome();
  await connectQueye(app, sandbox);
  await app.page.getByRole('grid').getByRole('row').nth(1).waitFor();
  return app;
}

const grid = (page: Page) => page.getByRole('grid', { name: /tracks/i });
/** Titles of the first rows of the tracks table, in the order shown. */
const rowTitles = (page: Page) =>
  grid(page)
    .locator('.vtable__row')
    .evaluateAll((rows) =>
      rows.slice(0, 8).map((row) => row.querySelector('[role="gridcell"]')?.textContent ?? ''),
    );
const trackIdOf = (title: string) => sandboxTracks(sandbox).find((t) => t.title === title)!.id;
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('contentinfo', { name: 'Player' }).getByRole('button', { name, exact: true });

/** Plays the track of that title from a filtered table, so the queue is just that one. */
async function playAlone(page: Page, title: string) {
  await page.getByPlaceholder('Title, artist or album').fill(title);
  await grid(page).locator('.vtable__row').first().dblclick();
  await playingTrack(page, trackIdOf(title));
}

const longTrack = () =>
  sandboxTracks(sandbox).find((track) => track.format === 'mp3' && track.duration > 200)!;
/** Stream answers flow at about three times real time (`times`: only that many of them). */
const trickle = (path: string, times?: number) =>
  sandbox.control.addFault({
    kind: 'slowBody',
    bytesPerSec: 24_000,
    service: 'queye',
    path,
    ...(times ? { times } : {}),
  });

/** Double-clicks the `n`th row (the view becomes the queue) and waits until it sounds. */
async function playRow(page: Page, n: number): Promise<string[]> {
  const titles = await rowTitles(page);
  await grid(page).locator('.vtable__row').nth(n).dblclick();
  await playingTrack(page, trackIdOf(titles[n]!));
  return titles;
}

const streamRequests = (trackId: number) =>
  sandbox.control.requests({ service: 'queye', pathPrefix: `/v1/stream/${trackId}` });

describe('playback in Chromium', () => {
  it('plays, seeks far outside the buffer with a 206, and resumes after a pause longer than the stream token lives', async () => {
    const app = await openConnected();
    const { page } = app;
    const long = longTrack();
    // The element holds only seconds ahead when the seek comes.
    trickle('/v1/stream/*');
    await playAlone(page, long.title);

    const before = (await audio(page))!;
    const target = Math.round(long.duration * 0.7);
    expect(before.buffered.every(([, end]) => end < target)).toBe(true);
    const requestsBefore = streamRequests(long.id).length;
    // Click the seek slider where the target is.
    const track = page.locator('.seek__slider');
    const box = (await track.boundingBox())!;
    await page.mouse.click(box.x + (box.width * target) / long.duration, box.y + box.height / 2);
    await expect
      .poll(async () => {
        const now = (await audio(page))!;
        return !now.paused && now.currentTime > target - 6 && now.currentTime < target + 10;
      })
      .toBe(true);
    const after = streamRequests(long.id).slice(requestsBefore);
    expect(after.some((entry) => entry.status === 206)).toBe(true);
    expect(
      await page.getByRole('slider', { name: 'Position' }).getAttribute('aria-valuetext'),
    ).toMatch(/^\d+:\d\d of \d+:\d\d$/);

    // Paused for longer than the 300 s a stream token lives, then seek and play again.
    sandbox.control.clearFaults();
    await button(page, 'Pause').click();
    await expect.poll(async () => (await audio(page))!.paused).toBe(true);
    const pausedAt = (await audio(page))!.currentTime;
    sandbox.control.advance(301_000);
    sandbox.control.clearRequests();
    await page.getByRole('slider', { name: 'Position' }).focus();
    await page.keyboard.press('PageDown');
    await button(page, 'Play').click();
    await expect
      .poll(async () => {
        const now = (await audio(page))!;
        return !now.paused && now.currentTime > pausedAt - 40 && now.currentTime < pausedAt;
      })
      .toBe(true);
    const renewed = sandbox.control.requests({ service: 'queye', pathPrefix: '/v1/stream' });
    expect(renewed.some((entry) => entry.status === 401)).toBe(true);
    expect(renewed.some((entry) => entry.path === '/v1/stream/token' && entry.status === 200)).toBe(
      true,
    );
    expect(await page.locator('.toast--error').count()).toBe(0);
  });

  it('moves through the queue: next, previous, shortcuts, shuffle and repeat', async () => {
    const app = await openConnected();
    const { page } = app;
    const titles = await playRow(page, 0);

    await button(page, 'Next track').click();
    await playingTrack(page, trackIdOf(titles[1]!));
    expect(await nowPlaying(page)).toBe(titles[1]);
    // Early in a track, Previous goes back; Ctrl+→ goes on again.
    await button(page, 'Previous track').click();
    await playingTrack(page, trackIdOf(titles[0]!));
    await page.keyboard.press('Control+ArrowRight');
    await playingTrack(page, trackIdOf(titles[1]!));
    // Later than 3 s into a track, Previous restarts it.
    await page.keyboard.press('ArrowRight');
    await playingTrack(page, trackIdOf(titles[1]!), 5);
    await button(page, 'Previous track').click();
    await expect.poll(async () => (await audio(page))!.currentTime < 3).toBe(true);
    expect(await nowPlaying(page)).toBe(titles[1]);
    // Space pauses and plays (focus away from buttons, where Space belongs to the button).
    await page.locator('#section-title').focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audio(page))!.paused).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audio(page))!.paused).toBe(false);

    // Repeat cycles off → all → one; with one, the end of the track starts it over.
    const repeat = page.getByRole('button', { name: /^Repeat:/ });
    await repeat.click();
    await repeat.click();
    expect(await repeat.getAttribute('aria-label')).toBe('Repeat: this track');
    const id = trackIdOf(titles[1]!);
    const length = sandboxTracks(sandbox).find((t) => t.id === id)!.duration;
    await mediaSessionAction(page, 'seekto', { seekTime: length - 2 });
    await expect.poll(async () => (await audio(page))!.currentTime > length - 3).toBe(true);
    await expect
      .poll(async () => {
        const now = (await audio(page))!;
        return now.src.endsWith(`/track/${id}`) && !now.paused && now.currentTime < 5;
      })
      .toBe(true);
    await repeat.click();
    expect(await repeat.getAttribute('aria-pressed')).toBe('false');

    // Shuffle keeps the current track and plays the rest in another order.
    const shuffle = button(page, 'Shuffle');
    await shuffle.click();
    expect(await shuffle.getAttribute('aria-pressed')).toBe('true');
    await button(page, 'Next track').click();
    await expect
      .poll(async () => {
        const now = await audio(page);
        return !!now && !now.src.endsWith(`/track/${id}`) && !now.paused;
      })
      .toBe(true);
  });

  it('builds a queue from the library: a selection to the end, an album next, reordered by keyboard', async () => {
    const app = await openConnected();
    const { page } = app;
    const titles = await rowTitles(page);
    await grid(page).locator('.vtable__row').nth(0).click();
    await grid(page)
      .locator('.vtable__row')
      .nth(1)
      .click({ modifiers: ['Shift'] });
    const selection = page.getByRole('group', { name: 'Selected tracks' });
    expect(await selection.textContent()).toContain('2 selected tracks');
    await selection.getByRole('button', { name: /^Add to queue/ }).click();
    await page.locator('.toast', { hasText: 'Added 2 tracks to the queue.' }).waitFor();
    expect(await nowPlaying(page)).toBe(titles[0]);

    await page.getByRole('tab', { name: 'Albums' }).click();
    await page.locator('[role="grid"] .vtable__row').first().dblclick();
    const head = page.locator('.library-detail__head');
    const albumTitle = (await head.getByRole('heading').textContent()) ?? '';
    const albumRows = await page
      .locator('[role="grid"] .vtable__row')
      .evaluateAll((rows) =>
        rows.map((row) => row.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ''),
      );
    await head.getByRole('button', { name: `Play next: ${albumTitle}` }).click();

    await button(page, 'Queue').click();
    const list = page.getByRole('listbox', { name: 'Queue tracks' });
    const order = () =>
      list.locator('.queue-row__title').evaluateAll((rows) => rows.map((row) => row.textContent));
    await expect.poll(order).toEqual([titles[0], ...albumRows, titles[1]]);
    // The second entry moves to the top with Alt+↑; the current track stays current.
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(order).toEqual([albumRows[0], titles[0], ...albumRows.slice(1), titles[1]]);
    await page.keyboard.press('Escape');
    await button(page, 'Play').click();
    await playingTrack(page, trackIdOf(titles[0]!));
    await button(page, 'Next track').click();
    await playingTrack(page, trackIdOf(albumRows[1]!));
  });

  it('restores the queue and the position after a restart, paused, and plays on from there', async () => {
    const app = await openConnected();
    const { page } = app;
    const titles = await playRow(page, 2);
    const id = trackIdOf(titles[2]!);
    await mediaSessionAction(page, 'seekto', { seekTime: 60 });
    await expect.poll(async () => (await audio(page))!.currentTime >= 60).toBe(true);
    await button(page, 'Pause').click();
    await expect.poll(async () => (await audio(page))!.paused).toBe(true);
    // A pause is saved a moment later; quitting sooner would be a different test.
    const ctx = { origin: new URL(app.host.url).origin };
    await expect
      .poll(async () => {
        const saved = await app.host.services.router['player.loadQueue'](undefined, ctx);
        return saved.ok ? saved.value?.position : undefined;
      })
      .toBeGreaterThanOrEqual(59);

    await app.restart();
    await page.getByTestId('now-playing-title').waitFor();
    expect(await nowPlaying(page)).toBe(titles[2]);
    const slider = page.getByRole('slider', { name: 'Position' });
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^1:0\d of /);
    expect(await button(page, 'Play').isVisible()).toBe(true);
    await button(page, 'Play').click();
    await playingTrack(page, id, 60);
    // Next continues with the rest of the restored queue.
    await button(page, 'Next track').click();
    await playingTrack(page, trackIdOf(titles[3]!));
  });

  it('answers the media session: metadata, play, pause, next, seek', async () => {
    const app = await openConnected();
    const { page } = app;
    const titles = await playRow(page, 0);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe(titles[0]);
    expect(await page.evaluate(() => navigator.mediaSession.playbackState)).toBe('playing');

    await mediaSessionAction(page, 'pause');
    await expect.poll(async () => (await audio(page))!.paused).toBe(true);
    expect(await page.evaluate(() => navigator.mediaSession.playbackState)).toBe('paused');
    await mediaSessionAction(page, 'play');
    await expect.poll(async () => (await audio(page))!.paused).toBe(false);
    await mediaSessionAction(page, 'nexttrack');
    await playingTrack(page, trackIdOf(titles[1]!));
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe(titles[1]);
    await mediaSessionAction(page, 'seekto', { seekTime: 40 });
    await expect.poll(async () => (await audio(page))!.currentTime >= 40).toBe(true);
    await mediaSessionAction(page, 'seekbackward', { seekOffset: 20 });
    await expect
      .poll(async () => {
        const time = (await audio(page))!.currentTime;
        return time >= 19 && time < 30;
      })
      .toBe(true);
    await mediaSessionAction(page, 'previoustrack');
    await expect.poll(async () => (await audio(page))!.currentTime < 3).toBe(true);
  });

  it('waits for the network when Queye drops away mid-track, and resumes at the same place', async () => {
    const app = await openConnected();
    const { page } = app;
    const long = longTrack();
    // The first answer trickles, so the far place is not buffered when the network goes.
    trickle(`/v1/stream/${long.id}`, 1);
    // After that (and the stream token before it), nothing of Queye answers any more.
    sandbox.control.addFault({ kind: 'reset', service: 'queye', path: '/v1/**', skip: 1 });
    await playAlone(page, long.title);
    await mediaSessionAction(page, 'seekto', { seekTime: 100 });
    const notice = page.getByTestId('playback-notice');
    // The element stalls without an error; the engine notices within its stall timeout.
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain('out of reach');
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).isVisible()).toBe(true);

    sandbox.control.clearFaults();
    await expect
      .poll(
        async () => {
          const now = await audio(page);
          return !!now && !now.paused && now.currentTime > 100 && now.currentTime < 115;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await notice.textContent()).not.toContain('out of reach');
  });

  it('skips a track Queye no longer has, naming it, and plays the next one', async () => {
    const app = await openConnected();
    const { page } = app;
    const titles = await rowTitles(page);
    const broken = trackIdOf(titles[1]!);
    sandbox.control.addFault({
      kind: 'status',
      status: 404,
      code: 'not_found',
      service: 'queye',
      path: `/v1/stream/${broken}`,
    });
    await grid(page).locator('.vtable__row').first().dblclick();
    await playingTrack(page, trackIdOf(titles[0]!));
    await button(page, 'Next track').click();
    const toast = page.locator('.toast--error', { hasText: `Skipped “${titles[1]}”` });
    await toast.waitFor();
    await playingTrack(page, trackIdOf(titles[2]!));
    expect(await nowPlaying(page)).toBe(titles[2]);
  });
});
