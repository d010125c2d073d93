import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLaunchKey } from '../../../src-main/browser-host/launch-key.ts';
import { callOver, openSocket, startTestHost, type TestHost } from './host-harness.ts';

describe('the launch key', () => {
  it('is matched exactly, from the query or this port’s cookie only', () => {
    const key = createLaunchKey(4000, 'secret-one');
    expect(key.entryUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000/?key=secret-one');
    expect(key.matches('secret-one')).toBe(true);
    for (const wrong of ['secret-on', 'secret-one ', '', null, undefined]) {
      expect(key.matches(wrong)).toBe(false);
    }
    expect(key.inCookie('a=b; aislecast_4000=secret-one')).toBe(true);
    expect(key.inCookie('aislecast_4001=secret-one')).toBe(false);
    expect(key.inCookie('aislecast_4000=other')).toBe(false);
    expect(key.inCookie(undefined)).toBe(false);
    expect(key.setCookie()).toMatch(/HttpOnly/);
    expect(key.setCookie()).toMatch(/SameSite=Strict/);
  });

  it('is new at every launch', () => {
    const a = createLaunchKey(4000).entryUrl('o');
    const b = createLaunchKey(4000).entryUrl('o');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^o\/\?key=[A-Za-z0-9_-]{43}$/);
  });
});

describe('the browser host lets in only the holder of the launch key', () => {
  let target: TestHost;
  beforeAll(async () => {
    target = await startTestHost();
  });
  afterAll(() => target.close());

  it('prints an address that hands the key to the page as an HttpOnly SameSite=Strict cookie', async () => {
    expect(new URL(target.host.url).searchParams.get('key')).toBeTruthy();
    const entry = await fetch(target.host.url);
    expect(entry.status).toBe(200);
    expect(await entry.text()).toContain('__aislecast/bridge.js');
    const setCookie = entry.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^aislecast_${target.host.port}=`));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(entry.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await fetch(`${target.host.origin}/`, { headers: { cookie: target.cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
  });

  it('answers the same origin without the key with a page that says what to open', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { cookie: `aislecast_${target.host.port}=guess` },
    ];
    for (const headers of attempts) {
      const page = await fetch(`${target.host.origin}/`, { headers });
      expect(page.status).toBe(401);
      expect(await page.text()).toMatch(/address it printed/);
    }
    const wrongKey = await fetch(`${target.host.origin}/?key=guess`);
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.headers.get('set-cookie')).toBeNull();
  });

  it('refuses the socket to a local process that sends the right Origin but not the key', async () => {
    await expect(openSocket(target, { cookie: '' })).rejects.toThrow(/403/);
    await expect(
      openSocket(target, { cookie: `aislecast_${target.host.port}=guess` }),
    ).rejects.toThrow(/403/);
    // The key of another port's host is not this one's.
    const value = target.cookie.split('=')[1] ?? '';
    await expect(openSocket(target, { cookie: `aislecast_1=${value}` })).rejects.toThrow(/403/);
  });

  it('still refuses a foreign origin or host name even with the key', async () => {
    await expect(openSocket(target, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(
      openSocket(target, { host: `rebound.example:${target.host.port}` }),
    ).rejects.toThrow(/403/);
  });

  it('serves the contract to the page that opened the printed address', async () => {
    const ws = await openSocket(target);
    expect(await callOver(ws, 'app.ping', { echo: 'k' })).toMatchObject({
      type: 'result',
      outcome: { ok: true, value: { pong: true, echo: 'k' } },
    });
    ws.close();
  });

  it('refuses media and the bridge script without the key', async () => {
    for (const path of ['/__aislecast/media/track/1', '/__aislecast/bridge.js']) {
      const bare = await fetch(`${target.host.origin}${path}`);
      expect([path, bare.status]).toEqual([path, 401]);
    }
    const withKey = await fetch(`${target.host.origin}/__aislecast/bridge.js`, {
      headers: { cookie: target.cookie },
    });
    expect(withKey.status).toBe(200);
  });
});
