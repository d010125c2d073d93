import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFileHandler } from '../../../src-main/services/static/static-files.ts';
import { contentSecurityPolicy } from '../../../src-main/services/security/csp.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aislecast-static-'));
  await mkdir(join(root, 'renderer/assets'), { recursive: true });
  await writeFile(join(root, 'renderer/index.html'), '<html><head></head><body>app</body></html>');
  await writeFile(join(root, 'renderer/assets/app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('static renderer files', () => {
  const csp = contentSecurityPolicy({ media: ['media:'] });
  const handler = () =>
    createStaticFileHandler(join(root, 'renderer'), {
      headers: { 'content-security-policy': csp },
    });

  it('serves index.html with the CSP header and the right types', async () => {
    const index = await handler()(new Request('app://aislecast/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const js = await handler()(new Request('app://aislecast/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console.log(1)');
  });

  it.each([
    ['font.woff2', 'font/woff2'],
    ['font.woff', 'font/woff'],
    ['font.ttf', 'font/ttf'],
    ['logo.jpg', 'image/jpeg'],
    ['logo.gif', 'image/gif'],
    ['logo.avif', 'image/avif'],
    ['decoder.wasm', 'application/wasm'],
    ['chime.mp3', 'audio/mpeg'],
    ['chime.ogg', 'audio/ogg'],
    ['chime.wav', 'audio/wav'],
    ['chime.m4a', 'audio/mp4'],
  ])('serves %s as %s', async (name, type) => {
    await writeFile(join(root, 'renderer/assets', name), 'x');
    const answer = await handler()(new Request(`app://aislecast/assets/${name}`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(type);
  });

  it.each([
    'app://aislecast/../secret.txt',
    'app://aislecast/%2e%2e/secret.txt',
    'app://aislecast/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://aislecast/%00index.html',
    'app://aislecast/%E0%A4%A',
  ])('refuses to leave the folder: %s', async (url) => {
    const response = await handler()(new Request(url));
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('outside');
  });

  it('transforms HTML for the browser host and refuses writes', async () => {
    const inject = createStaticFileHandler(join(root, 'renderer'), {
      transformHtml: (html) => html.replace('<head>', '<head><script src="/bridge.js"></script>'),
    });
    expect(await (await inject(new Request('http://127.0.0.1/index.html'))).text()).toContain(
      'bridge.js',
    );
    expect(
      (await inject(new Request('http://127.0.0.1/index.html', { method: 'POST' }))).status,
    ).toBe(405);
  });

  it('has a strict policy with no eval and media only from our scheme', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/media-src 'self' blob: media:/);
    expect(csp).toContain("object-src 'none'");
  });
});
