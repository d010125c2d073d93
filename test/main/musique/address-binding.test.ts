import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedServer } from '../../support/http-server.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';

/**
 * Issue 10 item 1: the saved Musique token is only ever sent to the address it was saved with.
 * A second loopback server stands in for any other address (one typed through the bridge, or
 * the production default a reset settings file falls back to) and records what reaches it.
 */
const sandbox = useSandbox();
let h: Harness;
let other: Awaited<ReturnType<typeof scriptedServer>>;
const received: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  other = await scriptedServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ valid: true, permissions: ['audio.read'], externalId: 'evil' }));
    });
  });
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
  await other?.close();
});

const token = () => sandbox().credentials.musiqueApiToken;
const carriedToken = () =>
  received.filter((r) => JSON.stringify(r.headers).includes(token()) || r.body.includes(token()));

/** Every call that makes main use the saved token, plus the background probe. */
async function driveEverything() {
  await h.call('musique.testToken').catch(() => undefined);
  await h.call('musique.refreshLibrary').catch(() => undefined);
  await h.call('musique.serviceStatus').catch(() => undefined);
  await h.call('musique.usageLog', {}).catch(() => undefined);
  await h.call('musique.getAudio', { id: 'a1' }).catch(() => undefined);
  await h.context.connection.check();
}

describe('a saved Musique token stays with its address', () => {
  beforeAll(async () => {
    h.useSandbox(sandbox());
    await h.connect(sandbox());
  });

  it('is held back, not sent, when settings.set names another base URL', async () => {
    received.length = 0;
    const settings = h.context.settings.get();
    expect(settings.musique.baseUrl).toBe(sandbox().musique.v1BaseUrl);
    h.context.settings.update({ musique: { baseUrl: `${other.url}/api/v1/integration` } });
    await driveEverything();
    expect(carriedToken()).toEqual([]);
    const account = await h.call('musique.account');
    expect(account.status).toBe('none');
    expect(account.error?.code).toBe('token_address_changed');
    expect(account.error?.message).toContain(sandbox().musique.v1BaseUrl);
    // Nothing was lost: back at its own address, the token works again.
    h.useSandbox(sandbox());
    expect((await h.call('musique.testToken')).status).toBe('connected');
  });

  it('is held back when the settings file is reset underneath (no change event)', async () => {
    received.length = 0;
    const musique = h.settingsStore.store.musique;
    // What a settings file reset to its defaults does: the address changes, nobody is told.
    h.settingsStore.set('musique', { ...musique, baseUrl: `${other.url}/api/v1/integration` });
    await driveEverything();
    expect(carriedToken()).toEqual([]);
    expect(received.map((r) => r.url)).toEqual([]);
    expect((await h.call('musique.account')).status).toBe('none');
    h.settingsStore.set('musique', musique);
    expect((await h.call('musique.account')).status).toBe('connected');
  });

  it('keeps the binding in the vault across a restart, whatever the settings say then', async () => {
    received.length = 0;
    h.settingsStore.set('musique', {
      ...h.settingsStore.store.musique,
      baseUrl: `${other.url}/api/v1/integration`,
    });
    const again = await createHarness({ userDataDir: h.dir });
    try {
      await again.context.connection.check();
      await again.call('musique.testToken').catch(() => undefined);
      await again.call('musique.refreshLibrary').catch(() => undefined);
      expect(carriedToken()).toEqual([]);
      expect((await again.call('musique.account')).error?.code).toBe('token_address_changed');
    } finally {
      await again.close();
      h.useSandbox(sandbox());
    }
  });

  it('is replaced by a token saved for the new address', async () => {
    received.length = 0;
    h.context.settings.update({ musique: { baseUrl: `${other.url}/api/v1/integration` } });
    const fresh = sandbox().control.issueMusiqueToken({ externalId: 'other_site' }).token;
    // The user typed this token for this address: it may go there.
    const account = await h.call('musique.connect', { token: fresh });
    expect(account).toMatchObject({
      status: 'connected',
      baseUrl: `${other.url}/api/v1/integration`,
    });
    expect(carriedToken()).toEqual([]);
    h.useSandbox(sandbox());
    expect((await h.call('musique.account')).error?.code).toBe('token_address_changed');
  });

  it('can still be forgotten while held back, with its cached library', async () => {
    const { readdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await h.call('musique.connect', { token: token() });
    await h.call('musique.refreshLibrary');
    const caches = async () =>
      (await readdir(join(h.dir, 'musique'))).filter((name) => name.startsWith('library-'));
    expect((await caches()).length).toBeGreaterThan(0);
    h.context.settings.update({ musique: { baseUrl: `${other.url}/api/v1/integration` } });
    expect((await h.call('musique.forget')).error).toBeUndefined();
    expect(await h.context.vault.has('musique.apiToken')).toBe(false);
    expect(await caches()).toEqual([]);
    h.useSandbox(sandbox());
  });
});
