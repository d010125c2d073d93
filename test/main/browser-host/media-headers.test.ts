import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardenMediaResponse } from '../../../src-main/services/media/harden-media-response.ts';
import { startTestHost, type TestHost } from './host-harness.ts';

describe('media answers of the browser host', () => {
  it('force an audio type, whatever upstream claimed', () => {
    const cases: [string | null, string][] = [
      ['text/html; charset=utf-8', 'audio/mpeg'],
      ['application/json', 'audio/mpeg'],
      ['image/svg+xml', 'audio/mpeg'],
      [null, 'audio/mpeg'],
      ['audio/ogg', 'audio/ogg'],
      ['Audio/MPEG; foo=1', 'audio/mpeg'],
      ['audio/<script>', 'audio/mpeg'],
    ];
    for (const [upstream, expected] of cases) {
      const headers: Record<string, string> = upstream ? { 'content-type': upstream } : {};
      const hardened = hardenMediaResponse(new Response('x', { headers }));
      expect([upstream, hardened.headers.get('content-type')]).toEqual([upstream, expected]);
    }
  });

  it('keep status, range headers and body, and pass empty statuses through', async () => {
    const hardened = hardenMediaResponse(
      new Response('abc', {
        status: 206,
        headers: { 'content-range': 'bytes 0-2/10', 'content-type': 'audio/mpeg' },
      }),
    );
    expect(hardened.status).toBe(206);
    expect(hardened.headers.get('content-range')).toBe('bytes 0-2/10');
    expect(await hardened.text()).toBe('abc');
    expect(hardenMediaResponse(new Response(null, { status: 304 })).status).toBe(304);
  });

  describe('over HTTP', () => {
    let target: TestHost;
    beforeAll(async () => {
      target = await startTestHost();
      // An upstream that answers a stream request with a page (a captive portal, a hijack).
      target.host.services.media.register('track', () =>
        Promise.resolve(
          new Response('<html><script>alert(document.cookie)</script></html>', {
            headers: { 'content-type': 'text/html; charset=utf-8' },
          }),
        ),
      );
    });
    afterAll(() => target.close());

    it('never let an HTML answer render on the app’s origin, nor another site read it', async () => {
      const answer = await fetch(`${target.host.origin}/__aislecast/media/track/42`, {
        headers: { cookie: target.cookie },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('audio/mpeg');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(answer.headers.get('content-security-policy')).toMatch(/sandbox/);
    });

    it('mark the router’s own refusals the same way', async () => {
      const answer = await fetch(`${target.host.origin}/__aislecast/media/nope/1`, {
        headers: { cookie: target.cookie },
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers.get('content-type')).toBe('audio/mpeg');
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    });
  });
});
