import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { SandboxHandle } from '../../support/sandbox.ts';
import type { RunningApp } from './app.ts';

/** One media event as the instrumented page saw it (`performance.now()` time base). */
export interface MediaEvent {
  type: string;
  at: number;
  src: string;
  currentTime: number;
}

/**
 * Howler's media elements never join the document, and media-session handlers cannot be read
 * back, so the page is instrumented before any app code runs: every element that loads or
 * plays is remembered (with a log of its events), and so is every media-session handler.
 * Runs in the page; pass it to `addInitScript`.
 */
export function instrumentMedia() {
  const media = new Set<HTMLMediaElement>();
  const log: MediaEvent[] = [];
  const handlers: Record<string, ((details: object) => void) | null> = {};
  const w = window as unknown as {
    __media: Set<HTMLMediaElement>;
    __mediaLog: MediaEvent[];
    __mediaSession: typeof handlers;
  };
  w.__media = media;
  w.__mediaLog = log;
  w.__mediaSession = handlers;
  const types = [
    'playing',
    'pause',
    'seeking',
    'seeked',
    'timeupdate',
    'ended',
    'waiting',
    'error',
  ];
  const track = (element: HTMLMediaElement) => {
    if (media.has(element)) return;
    media.add(element);
    for (const type of types) {
      element.addEventListener(type, () =>
        log.push({
          type,
          at: performance.now(),
          src: element.src,
          currentTime: element.currentTime,
        }),
      );
    }
  };
  for (const method of ['play', 'load'] as const) {
    const original = HTMLMediaElement.prototype[method];
    Object.defineProperty(HTMLMediaElement.prototype, method, {
      configurable: true,
      value(this: HTMLMediaElement) {
        track(this);
        return original.call(this);
      },
    });
  }
  // When the user last acted (event time base), for measuring how long the app then takes.
  for (const type of ['pointerdown', 'keydown', 'dblclick']) {
    window.addEventListener(
      type,
      (event) => {
        (window as unknown as { __inputAt: number }).__inputAt = event.timeStamp;
      },
      true,
    );
  }
  const session = navigator.mediaSession;
  const set = session.setActionHandler.bind(session);
  session.setActionHandler = (action, handler) => {
    handlers[action] = handler as (details: object) => void;
    set(action, handler);
  };
}

export interface AudioSnapshot {
  src: string;
  currentTime: number;
  duration: number;
  paused: boolean;
  volume: number;
  buffered: Array<[number, number]>;
}

/** Reloads the page with the instrumentation in place. */
export async function instrumentPlayback(page: Page): Promise<void> {
  await page.context().addInitScript(instrumentMedia);
  await page.reload();
  await page.locator('#section-title').waitFor();
}

/** The element that is playing (or the last one that played), as the page sees it now. */
export function audio(page: Page): Promise<AudioSnapshot | undefined> {
  return page.evaluate(() => {
    const all = [...(window as unknown as { __media: Set<HTMLMediaElement> }).__media];
    const live = all.filter((element) => element.src && !element.ended);
    const element = live.find((e) => !e.paused) ?? live.at(-1);
    if (!element) return undefined;
    const buffered: Array<[number, number]> = [];
    for (let i = 0; i < element.buffered.length; i++)
      buffered.push([element.buffered.start(i), element.buffered.end(i)]);
    return {
      src: element.src,
      currentTime: element.currentTime,
      duration: element.duration,
      paused: element.paused,
      volume: element.volume,
      buffered,
    };
  });
}

/** Calls a media-session action handler the app registered, as the OS would. */
export function mediaSessionAction(page: Page, action: string, details: object = {}) {
  return page.evaluate(
    ([name, extra]) => {
      const handler = (
        window as unknown as { __mediaSession: Record<string, ((d: object) => void) | null> }
      ).__mediaSession[name];
      if (!handler) throw new Error(`no media-session handler for ${name}`);
      handler({ action: name, ...extra });
    },
    [action, details] as const,
  );
}

/** Signs the app in to the sandbox's Queye and waits until the library has synced. */
export async function connectQueye(app: RunningApp, sandbox: SandboxHandle): Promise<void> {
  const { router } = app.host.services;
  const ctx = { origin: new URL(app.host.url).origin };
  // The browser host's vault is weakly protected; allowing it keeps the sign-in across restarts.
  await router['vault.setWeakStorage']({ allowed: true }, ctx);
  const connected = await router['queye.connect'](
    {
      clientKey: sandbox.credentials.queyeClientKey,
      userKey: sandbox.credentials.queyeUserKey,
      baseUrl: sandbox.queye.baseUrl,
    },
    ctx,
  );
  if (!connected.ok) throw new Error(`queye.connect failed: ${connected.error.message}`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await router['library.status'](undefined, ctx);
    if (status.ok && status.value.synced && !status.value.syncing) return;
    if (Date.now() > deadline) throw new Error('the library did not finish syncing in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Track IDs in the order the sandbox lists them, with their titles and lengths. */
export function sandboxTracks(sandbox: SandboxHandle) {
  return sandbox.control.tracks() as Array<{
    id: number;
    title: string;
    duration: number;
    format: string;
  }>;
}

export const nowPlaying = (page: Page) => page.getByTestId('now-playing-title').textContent();

/** Waits until the element plays `trackId` and its time has moved past `after` seconds. */
export async function playingTrack(page: Page, trackId: number, after = 0.2): Promise<void> {
  await expect
    .poll(
      async () => {
        const state = await audio(page);
        return (
          !!state &&
          !state.paused &&
          state.src.endsWith(`/track/${trackId}`) &&
          state.currentTime > after
        );
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}
