import { describe, expect, it } from 'vitest';
import { createMediaRouter, parseMediaUrl } from '../../../src-main/services/media/media-router.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';

describe('media URLs', () => {
  it.each([
    ['media://track/123', { kind: 'track', id: '123' }],
    ['media://audio/a_9-x', { kind: 'audio', id: 'a_9-x' }],
    ['http://127.0.0.1:4000/__aislecast/media/track/77', { kind: 'track', id: '77' }],
  ])('parses %s', (url, expected) => expect(parseMediaUrl(url)).toEqual(expected));

  it.each([
    'media://track/',
    'media://track/1/2',
    'media://file/1',
    'media://track/..%2F..%2Fetc',
    'media://track/1?st=abc',
    'http://127.0.0.1/__aislecast/media/track',
    'http://127.0.0.1/other/track/1',
    'media://track/%ZZ',
    `media://track/${'9'.repeat(200)}`,
  ])('rejects %s', (url) => expect(parseMediaUrl(url)).toBeUndefined());

  it('dispatches to the provider of the kind and maps failures', async () => {
    const router = createMediaRouter(silentLogger());
    expect((await router.handle(new Request('media://track/1'))).status).toBe(404);
    router.register('track', (id, request) =>
      Promise.resolve(new Response(`track ${id} ${request.headers.get('range')}`, { status: 206 })),
    );
    const ok = await router.handle(
      new Request('media://track/5', { headers: { range: 'bytes=0-' } }),
    );
    expect(ok.status).toBe(206);
    expect(await ok.text()).toBe('track 5 bytes=0-');
    expect((await router.handle(new Request('media://track/%2E%2E%2Fx'))).status).toBe(400);
    expect((await router.handle(new Request('media://track/1', { method: 'POST' }))).status).toBe(
      405,
    );
    router.register('audio', () => Promise.reject(new Error('upstream exploded')));
    expect((await router.handle(new Request('media://audio/1'))).status).toBe(502);
  });

  it('hardens every answer, so media:// in Electron carries what the browser host does', async () => {
    const router = createMediaRouter(silentLogger());
    router.register('audio', () =>
      Promise.resolve(
        new Response('<script>alert(1)</script>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    const answer = await router.handle(new Request('media://audio/1'));
    expect(answer.headers.get('content-type')).toBe('audio/mpeg');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });
});
