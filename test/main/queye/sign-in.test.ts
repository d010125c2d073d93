import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyedSecretBox } from '../../../src-main/services/vault/secret-box.ts';
import { fetchJson, queyeHeaders, useSandbox } from '../../support/sandbox.ts';
import { startHarness, type Harness } from './support/harness.ts';

const sandbox = useSandbox({ tracks: 40 });
const osBox = () => createKeyedSecretBox(Buffer.alloc(32, 3), 'os');
let harness: Harness | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  sandbox().control.clearFaults();
});

const demo = () => ({
  clientKey: `${sandbox().credentials.queyeClientKey}\n`,
  userKey: `  ${sandbox().credentials.queyeUserKey}\r\n`,
  baseUrl: sandbox().queye.baseUrl,
});

const requests = (path: string) =>
  sandbox().control.requests({ service: 'queye', pathPrefix: `/v1${path}` });

describe('connecting to Queye', () => {
  it('exchanges the key, keeps the secrets in the vault and shows only hints', async () => {
    harness = await startHarness({ secretBox: osBox(), library: false });
    const { credentials } = sandbox();
    const status = await harness.value('queye.connect', demo());
    expect(status).toMatchObject({
      state: 'signed-in',
      demo: false,
      baseUrl: sandbox().queye.baseUrl,
      clientKeyHint: `qm_client_…${credentials.queyeClientKey.slice(-4)}`,
      userKeyHint: `qm_user_…${credentials.queyeUserKey.slice(-4)}`,
      scopes: ['library.read', 'stream', 'account'],
    });
    expect(status.userId).toMatch(/^u_/);
    const shown = JSON.stringify(status);
    expect(shown).not.toContain(credentials.queyeUserKey);
    expect(shown).not.toContain(credentials.queyeClientKey);

    expect(await harness.context.vault.get('queye.userKey')).toBe(credentials.queyeUserKey);
    expect(await harness.context.vault.get('queye.refreshToken')).toMatch(/^qrt_/);
    const vaultFile = await readFile(join(harness.dir, 'vault.json'), 'utf8');
    expect(vaultFile).not.toContain(credentials.queyeUserKey);
    expect(vaultFile).not.toContain('qrt_');
    expect(harness.context.settings.get().queye.baseUrl).toBe(sandbox().queye.baseUrl);
    // Connecting answers the first-run choice, so the welcome does not come back.
    expect(harness.context.settings.get().app.mode).toBe('accounts');
    expect(harness.context.connection.status().queye).toMatchObject({ state: 'online' });
    expect(harness.events.some((event) => event.name === 'queye.changed')).toBe(true);
  });

  it('tests a connection (health and exchange) without leaving a session behind', async () => {
    harness = await startHarness({ library: false });
    const revokesBefore = requests('/auth/revoke').length;
    const result = await harness.value('queye.test', demo());
    expect(result.health).toMatchObject({ status: 'ok', version: '1.0.0' });
    expect(result.exchange).toMatchObject({
      ok: true,
      userId: expect.stringMatching(/^u_/) as unknown,
    });
    expect(requests('/auth/revoke').length).toBe(revokesBefore + 1);
    expect((await harness.value('queye.status')).state).toBe('not-configured');
    expect(await harness.context.vault.get('queye.userKey')).toBeUndefined();
  });

  it('words a refused user key, client key and an unreachable server, with what to do', async () => {
    harness = await startHarness({ library: false });
    const wrongUser = await harness.call('queye.connect', {
      ...demo(),
      userKey: 'qm_user_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBB',
    });
    expect(wrongUser).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_user_key',
        service: 'queye',
        status: 401,
        message: 'Queye Music does not accept this user API key.',
        action: expect.stringContaining('API Access') as unknown,
        requestId: expect.stringMatching(/.+/) as unknown,
      },
    });
    const wrongClient = await harness.call('queye.connect', {
      ...demo(),
      clientKey: 'qm_client_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBB',
    });
    expect(wrongClient).toMatchObject({ ok: false, error: { code: 'invalid_client_key' } });
    const unreachable = await harness.call('queye.connect', {
      ...demo(),
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    expect(unreachable).toMatchObject({
      ok: false,
      error: { code: 'network_error', message: 'Could not reach Queye Music.' },
    });
    const status = await harness.value('queye.status');
    expect(status).toMatchObject({ state: 'not-configured', error: { code: 'network_error' } });
    expect(await harness.context.vault.has('queye.userKey')).toBe(false);
  });

  it('refuses an http base URL that is not this computer, before any request', async () => {
    harness = await startHarness({ library: false });
    const before = sandbox().control.requests().length;
    const outcome = await harness.call('queye.connect', {
      ...demo(),
      baseUrl: 'http://queye.example.com/v1',
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(sandbox().control.requests().length).toBe(before);
  });
});

describe('approval of a locked key', () => {
  it('shows the request ID, retries with back-off and signs in once approved', async () => {
    harness = await startHarness({ library: false });
    const locked = { ...demo(), userKey: sandbox().credentials.queyeLockedUserKey };
    const exchangesBefore = requests('/auth/exchange').length;
    const waiting = await harness.value('queye.connect', locked);
    expect(waiting.state).toBe('awaiting-approval');
    const requestId = waiting.approval?.requestId;
    expect(requestId).toMatch(/^apr_/);
    expect(waiting.approval?.nextAttemptAt).toBeDefined();
    expect(harness.context.connection.status().queye.state).toBe('awaiting-approval');

    // First wait ≈ 3 s, then ≈ 6 s: each elapsed wait is one more exchange attempt.
    await harness.clock.advance(3_700);
    expect(requests('/auth/exchange').length).toBe(exchangesBefore + 2);
    await harness.clock.advance(3_000);
    expect(requests('/auth/exchange').length).toBe(exchangesBefore + 2);
    await harness.clock.advance(4_300);
    expect(requests('/auth/exchange').length).toBe(exchangesBefore + 3);
    const still = await harness.value('queye.status');
    expect(still.approval).toMatchObject({ requestId, attempts: 3 });

    sandbox().control.approve(requestId!);
    const signedIn = await harness.value('queye.retryApproval');
    expect(signedIn).toMatchObject({ state: 'signed-in' });
    expect(signedIn.approval).toBeUndefined();
    const after = requests('/auth/exchange').length;
    await harness.clock.advance(120_000);
    expect(requests('/auth/exchange').length).toBe(after);
    sandbox().control.lockUserKey(sandbox().credentials.queyeLockedUserKey);
  });

  it('stops asking when the user cancels', async () => {
    harness = await startHarness({ library: false });
    const locked = { ...demo(), userKey: sandbox().credentials.queyeLockedUserKey };
    expect((await harness.value('queye.connect', locked)).state).toBe('awaiting-approval');
    const cancelled = await harness.value('queye.cancelApproval');
    expect(cancelled.state).toBe('not-configured');
    const count = requests('/auth/exchange').length;
    await harness.clock.advance(300_000);
    expect(requests('/auth/exchange').length).toBe(count);
  });
});

describe('signing out and starting again', () => {
  it('revokes the session upstream and wipes every Queye secret', async () => {
    harness = await startHarness({ secretBox: osBox(), library: false });
    await harness.value('queye.connect', demo());
    const refreshToken = (await harness.context.vault.get('queye.refreshToken'))!;
    const revokes = requests('/auth/revoke').length;
    const status = await harness.value('queye.signOut');
    expect(status).toEqual({
      state: 'not-configured',
      demo: false,
      baseUrl: sandbox().queye.baseUrl,
    });
    expect(requests('/auth/revoke').length).toBe(revokes + 1);
    expect(requests('/auth/revoke').at(-1)?.status).toBe(200);
    expect(await harness.context.vault.has('queye.clientKey')).toBe(false);
    expect(await harness.context.vault.has('queye.userKey')).toBe(false);
    expect(existsSync(join(harness.dir, 'queye', 'account.json'))).toBe(false);
    const refresh = await fetchJson(`${sandbox().queye.baseUrl}/auth/refresh`, {
      headers: queyeHeaders(sandbox()),
      json: { refresh_token: refreshToken },
    });
    expect(refresh).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_refresh_token' } },
    });
  });

  it('comes back signed in after a restart when the vault is OS-protected', async () => {
    harness = await startHarness({ secretBox: osBox(), library: false });
    const first = await harness.value('queye.connect', demo());
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });
    harness = await startHarness({ dir, secretBox: osBox(), library: false });
    const restored = await harness.value('queye.status');
    expect(restored).toMatchObject({ state: 'signed-in', userId: first.userId });
    const refreshes = requests('/auth/refresh').length;
    await harness.queye.connection.request({ path: '/library/summary' });
    expect(requests('/auth/refresh').length).toBe(refreshes + 1);
    expect(harness.context.connection.status().queye.state).toBe('online');
  });

  it('keeps secrets in memory only on a weak vault until the user allows storing them', async () => {
    harness = await startHarness({ library: false });
    expect(await harness.value('vault.status')).toMatchObject({
      protection: 'weak',
      storage: 'memory-only',
      weakStorageAllowed: false,
    });
    await harness.value('queye.connect', demo());
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });
    harness = await startHarness({ dir, library: false });
    expect(await harness.value('queye.status')).toMatchObject({
      state: 'signed-out',
      reason: 'not-stored',
      canReconnect: false,
    });

    const allowed = await harness.value('vault.setWeakStorage', { allowed: true });
    expect(allowed).toMatchObject({ storage: 'encrypted', weakStorageAllowed: true });
    expect(harness.events.some((event) => event.name === 'vault.changed')).toBe(true);
    await harness.value('queye.connect', demo());
    await harness.close({ keepDir: true });
    harness = await startHarness({ dir, library: false });
    expect((await harness.value('queye.status')).state).toBe('signed-in');
  });

  it('asks to sign in again when the saved sign-in cannot be decrypted', async () => {
    harness = await startHarness({ secretBox: osBox(), library: false });
    await harness.value('queye.connect', demo());
    const dir = harness.dir;
    dirs.push(dir);
    await harness.close({ keepDir: true });
    const otherKey = createKeyedSecretBox(Buffer.alloc(32, 9), 'os');
    harness = await startHarness({ dir, secretBox: otherKey, library: false });
    expect(await harness.value('queye.status')).toMatchObject({
      state: 'signed-out',
      reason: 'secret-dropped',
    });
    expect((await harness.value('vault.status')).dropped).toEqual(
      expect.arrayContaining(['queye.clientKey', 'queye.userKey', 'queye.refreshToken']) as unknown,
    );
    expect(harness.context.connection.status().queye.state).toBe('signed-out');
    // Signing in again works and clears the dropped state.
    expect((await harness.value('queye.connect', demo())).state).toBe('signed-in');
    expect((await harness.value('vault.status')).dropped).toEqual([]);
  });
});
