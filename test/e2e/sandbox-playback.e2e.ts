import { describe, expect, it } from 'vitest';
import { demoAccessToken, fetchJson, queyeHeaders, withSandbox } from '../support/sandbox.ts';
import { launchChromium } from './support/browser.ts';

describe('a real browser plays sandbox audio', () => {
  it('plays a stream, and seeks far ahead with a 206', async () => {
    await withSandbox(async (sandbox) => {
      const tracks = sandbox.control.tracks() as Array<{
        id: number;
        duration: number;
        format: string;
      }>;
      const track = tracks.find((entry) => entry.format === 'mp3' && entry.duration > 150)!;
      const { body } = await fetchJson<{ stream_url: string }>(
        `${sandbox.queye.baseUrl}/stream/token`,
        {
          headers: queyeHeaders(sandbox, demoAccessToken(sandbox)),
          json: { track_id: track.id },
        },
      );
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.setContent(
          `<audio id="player" preload="auto" src="${body.stream_url}"></audio>`,
        );
        const played = await page.evaluate(async () => {
          const audio = document.getElementById('player') as HTMLAudioElement;
          const until = (test: () => boolean) =>
            new Promise<void>((done, fail) => {
              const started = Date.now();
              const tick = () => {
                if (test()) done();
                else if (audio.error) fail(new Error(`media error ${audio.error.code}`));
                else if (Date.now() - started > 20_000) fail(new Error('timed out'));
                else setTimeout(tick, 50);
              };
              tick();
            });
          audio.muted = true;
          await audio.play();
          await until(() => audio.currentTime > 0.3);
          const duration = audio.duration;
          audio.currentTime = 120;
          await until(() => !audio.seeking && audio.currentTime > 120.3 && !audio.paused);
          return { duration, position: audio.currentTime };
        });
        expect(played.duration).toBeCloseTo(track.duration, 0);
        expect(played.position).toBeGreaterThan(120.3);
      } finally {
        // Playwright gives the browser a fresh, temporary profile of its own.
        await browser.close();
      }
      const streamed = sandbox.control.requests({ pathPrefix: `/v1/stream/${track.id}` });
      expect(streamed.some((entry) => entry.status === 206)).toBe(true);
      expect(streamed.every((entry) => entry.status === 200 || entry.status === 206)).toBe(true);
    });
  });
});
