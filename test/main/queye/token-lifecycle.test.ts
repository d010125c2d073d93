import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKeyedSecretBox,
  type SecretBox,
} from '../../../src-main/services/vault/secret-box.ts';
import { fetchJson, queyeHeaders, useSandbox } from '../../support/sandbox.ts';
import { startHarness, type Harness } from './support/harness.ts';

// A short token lifetime keeps the arithmetic readable: 100 s, refreshed 10 s before the end.
const sandbox = useSandbox({ tracks: 20, accessTokenTtlSec: 100 });
const key = Buffer.alloc(32, 5);
let harness: Harness | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const demo = () => ({
  clientKey: sandbox().credentials.queyeClientKey,
  userKey: sandbox().credentials.queyeUserKey,
  baseUrl: sandbox().queye.baseUrl,
});
const count = (path: string) =>
  sandbox().control.requests({ service: 'queye', pathPrefix: `/v1${path}` }).length;
const summary = (h: Harness) => h.queye.connection.request({ path: '/library/summary' });

/** Captures the tokens Queye hands out, as the test's window into the session. */
function tokenWatcher() {
  const tokens: Array<{ access: string; refresh: string }> = [];
  const watching: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (
      (input instanceof Request ? input.url : input.toString()).includes('/auth/') &&
      response.ok
    ) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      if (typeof body.access_token === 'string')
        tokens.push({ access: body.access_token, refresh: String(body.refresh_token) });
    }
    return response;
  };
  return { tokens, fetch: watching };
}

describe('access token lifecycle', () => {
  it('refreshes once for 50 concurrent calls at a token it knows has expired', async () => {
    harness = await startHarness({ library: false });
    await harness.value('queye.connect', demo());
    await harness.clock.advance(95_000);
    sandbox().control.advance(95_000);
    const before = count('/auth/refresh');
    const answers = await Promise.all(Array.from({ length: 50 }, () => summary(harness!)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(count('/auth/refresh')).toBe(before + 1);
  });

  it('refreshes once for 50 concurrent calls the server refuses as expired', async () => {
    const watcher = tokenWatcher();
    harness = await startHarness({ library: false, fetch: watcher.fetch });
    await harness.value('queye.connect', demo());
    // Queye ends the token early; the app still believes in it, so all 50 go out and fail.
    sandbox().control.expireToken(watcher.tokens.at(-1)!.access);
    const before = count('/auth/refresh');
    const failedBefore = sandbox()
      .control.requests({ pathPrefix: '/v1/library/summary' })
      .filter((r) => r.status === 401).length;
    const answers = await Promise.all(Array.from({ length: 50 }, () => summary(harness!)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(count('/auth/refresh')).toBe(before + 1);
    const refused = sandbox()
      .control.requests({ pathPrefix: '/v1/library/summary' })
      .filter((r) => r.status === 401).length;
    expect(refused - failedBefore).toBeGreaterThan(0);
  });

  it('refreshes proactively shortly before expiry and stores the rotated token', async () => {
    const watcher = tokenWatcher();
    harness = await startHarness({
      library: false,
      fetch: watcher.fetch,
      secretBox: createKeyedSecretBox(key, 'os'),
    });
    await harness.value('queye.connect', demo());
    const first = watcher.tokens.at(-1)!;
    expect(await harness.context.vault.get('queye.refreshToken')).toBe(first.refresh);
    const before = count('/auth/refresh');
    await harness.clock.advance(80_000);
    expect(count('/auth/refresh')).toBe(before);
    await harness.clock.advance(10_500);
    await expect.poll(() => watcher.tokens.length).toBe(2);
    expect(count('/auth/refresh')).toBe(before + 1);
    const second = watcher.tokens.at(-1)!;
    expect(second.refresh).not.toBe(first.refresh);
    await expect.poll(() => harness!.context.vault.get('queye.refreshToken')).toBe(second.refresh);
    // No refresh at call time: the token is fresh.
    await summary(harness);
    expect(count('/auth/refresh')).toBe(before + 1);
  });

  it('retries once after 401 invalid_access_token and surfaces a second refusal', async () => {
    const watcher = tokenWatcher();
    harness = await startHarness({ library: false, fetch: watcher.fetch });
    await harness.value('queye.connect', demo());
    sandbox().control.revokeToken(watcher.tokens.at(-1)!.access);
    expect((await summary(harness)).status).toBe(200);

    sandbox().control.addFault({
      service: 'queye',
      path: '/v1/library/summary',
      kind: 'status',
      status: 401,
      code: 'invalid_access_token',
      times: 2,
    });
    const before = count('/auth/refresh');
    await expect(summary(harness)).rejects.toMatchObject({
      shape: { code: 'invalid_access_token', status: 401 },
    });
    expect(count('/auth/refresh')).toBe(before + 1);
  });
});

describe('a dead sign-in', () => {
  it('signs out with a clear message when the refresh token is revoked', async () => {
    const watcher = tokenWatcher();
    harness = await startHarness({ library: false, fetch: watcher.fetch });
    await harness.value('queye.connect', demo());
    sandbox().control.revokeToken(watcher.tokens.at(-1)!.refresh);
    await harness.clock.advance(95_000);
    await expect(summary(harness)).rejects.toMatchObject({
      shape: { code: 'invalid_refresh_token' },
    });
    const status = await harness.value('queye.status');
    expect(status).toMatchObject({
      state: 'signed-out',
      reason: 'session-ended',
      canReconnect: true,
      error: {
        code: 'invalid_refresh_token',
        action: expect.stringContaining('Reconnect') as unknown,
      },
    });
    expect(harness.context.connection.status().queye.state).toBe('signed-out');
    await expect(summary(harness)).rejects.toMatchObject({ shape: { code: 'signed_out' } });
    expect((await harness.value('queye.reconnect')).state).toBe('signed-in');
  });

  it('forgets a stored user key Queye no longer accepts', async () => {
    const watcher = tokenWatcher();
    harness = await startHarness({ library: false, fetch: watcher.fetch });
    const { userKey } = sandbox().control.createQueyeUser({
      scopes: ['library.read', 'stream', 'account'],
    });
    await harness.value('queye.connect', { ...demo(), userKey });
    // The key is rotated elsewhere (in Queye's own pages), then the session ends.
    const rotated = await fetchJson(`${sandbox().queye.baseUrl}/user/api-key/rotate`, {
      method: 'POST',
      headers: queyeHeaders(sandbox(), watcher.tokens.at(-1)!.access),
    });
    expect(rotated.status).toBe(200);
    sandbox().control.revokeToken(watcher.tokens.at(-1)!.refresh);
    await harness.clock.advance(95_000);
    await expect(summary(harness)).rejects.toMatchObject({
      shape: { code: 'invalid_refresh_token' },
    });
    expect(await harness.value('queye.status')).toMatchObject({ canReconnect: true });
    const outcome = await harness.call('queye.reconnect');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_user_key' } });
    expect(await harness.value('queye.status')).toMatchObject({
      state: 'signed-out',
      reason: 'user-key-rejected',
      canReconnect: false,
    });
    expect(await harness.context.vault.has('queye.userKey')).toBe(false);
  });
});

describe('a crash between the refresh answer and the vault write', () => {
  /** A keychain that stops answering after `freezeAfter` encryptions, like a dying process. */
  function freezingBox(freezeAfter: () => boolean): SecretBox {
    const inner = createKeyedSecretBox(key, 'os');
    return {
      protection: () => inner.protection(),
      decrypt: (cipher) => inner.decrypt(cipher),
      encrypt: (plain) => (freezeAfter() ? new Promise(() => undefined) : inner.encrypt(plain)),
    };
  }

  it('recovers on the next start with the stored user key instead of stranding the user', async () => {
    let frozen = false;
    harness = await startHarness({ library: false, secretBox: freezingBox(() => frozen) });
    await harness.value('queye.connect', demo());
    const dir = harness.dir;
    dirs.push(dir);
    const refreshes = count('/auth/refresh');
    frozen = true;
    await harness.clock.advance(95_000);
    // Queye has rotated the token; the app "died" before storing the new one.
    await expect.poll(() => count('/auth/refresh')).toBe(refreshes + 1);
    const crashed = harness;
    harness = undefined;
    void crashed.close({ keepDir: true });

    const exchanges = count('/auth/exchange');
    harness = await startHarness({
      dir,
      library: false,
      secretBox: createKeyedSecretBox(key, 'os'),
    });
    expect((await harness.value('queye.status')).state).toBe('signed-in');
    expect((await summary(harness)).status).toBe(200);
    expect(count('/auth/exchange')).toBe(exchanges + 1);
    expect((await harness.value('queye.status')).state).toBe('signed-in');
  });

  it('still signs out on a refused refresh token when no refresh was left in the air', async () => {
    const watcher = tokenWatcher();
    harness = await startHarness({
      library: false,
      fetch: watcher.fetch,
      secretBox: createKeyedSecretBox(key, 'os'),
    });
    await harness.value('queye.connect', demo());
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });
    sandbox().control.revokeToken(watcher.tokens.at(-1)!.refresh);
    const exchanges = count('/auth/exchange');
    harness = await startHarness({
      dir,
      library: false,
      secretBox: createKeyedSecretBox(key, 'os'),
    });
    await expect(summary(harness)).rejects.toMatchObject({
      shape: { code: 'invalid_refresh_token' },
    });
    expect(count('/auth/exchange')).toBe(exchanges);
    expect((await harness.value('queye.status')).state).toBe('signed-out');
  });
});
