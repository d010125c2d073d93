import type { Handler } from '../http/pipeline.ts';
import { notFound } from '../http/reply.ts';
import type { QueyeRuntime } from './runtime.ts';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hue(text: string, salt: number): number {
  let h = salt;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** A deterministic cover: a two-colour gradient and the album's initials. */
export function coverSvg(albumId: string, title: string): string {
  const initials = title
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => word[0] ?? '')
    .join('');
  const [a, b] = [hue(albumId, 7), hue(albumId, 101)];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${a},55%,45%)"/><stop offset="1" stop-color="hsl(${b},60%,25%)"/>` +
    `</linearGradient></defs><rect width="300" height="300" fill="url(#g)"/>` +
    `<text x="150" y="175" font-family="sans-serif" font-size="96" fill="#fff" text-anchor="middle">` +
    `${escapeXml(initials)}</text></svg>`
  );
}

export function artworkRoutes(rt: QueyeRuntime): Record<string, Handler> {
  return {
    'GET /artwork/:file': (ctx) => {
      const albumId = /^(.+)\.svg$/.exec(ctx.params.file ?? '')?.[1] ?? '';
      const album = rt.state.library.album(albumId);
      if (!album?.hasArtwork) throw notFound('No such artwork.');
      return {
        status: 200,
        headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
        body: Buffer.from(coverSvg(album.id, album.title), 'utf8'),
      };
    },
  };
}
