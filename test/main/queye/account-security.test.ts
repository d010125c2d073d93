import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdOf } from '../../../src-preload/contract/schemas/queye.ts';
import { fetchJson, useSandbox } from '../../support/sandbox.ts';
import { startHarness, type Harness } from './support/harness.ts';

const sandbox = useSandbox({ tracks: 20 });
let harness: Harness;
let userKey: string;

beforeAll(async () => {
  harness = await startHarness({ library: false });
  // A user of our own, so rotating and locking leave the shared demo user alone.
  userKey = sandbox().control.createQueyeUser({
    scopes: ['library.read', 'stream', 'account'],
  }).userKey;
  await harness.value('queye.connect', {
    clientKey: sandbox().credentials.queyeClientKey,
    userKey,
    baseUrl: sandbox().queye.baseUrl,
  });
});
afterAll(() => harness.close());

const exchange = (key: string, clientKey = sandbox().credentials.queyeClientKey) =>
  fetchJson<{ error?: { code: string; request_id?: string } }>(
    `${sandbox().queye.baseUrl}/auth/exchange`,
    { headers: { 'x-queye-client-key': clientKey }, json: { user_api_key: key } },
  );

describe('account and security', () => {
  it('shows the key hint and when it was created and last used', async () => {
    const info = await harness.value('queye.keyInfo');
    expect(info).toMatchObject({ keyHint: `qm_user_…${userKey.slice(-4)}`, locked: false });
    expect(Date.parse(info.createdAt!)).not.toBeNaN();
    expect(Date.parse(info.lastUsedAt!)).not.toBeNaN();
  });

  it('lists connected apps, marks this one, and approves, denies or revokes another', async () => {
    // Another app asks for access while the key is locked: a pending request appears.
    const other = sandbox().control.createQueyeClient('Back-office tablet');
    sandbox().control.lockUserKey(userKey, { keepApprovals: true });
    expect((await exchange(userKey, other.clientKey)).body.error?.code).toBe('approval_required');
    const clients = await harness.value('queye.clients');
    const ours = clients.find((client) => client.current);
    expect(ours).toMatchObject({
      clientId: clientIdOf(sandbox().credentials.queyeClientKey),
      status: 'approved',
      name: 'Aislecast',
    });
    expect(clients.find((client) => client.clientId === other.clientId)).toMatchObject({
      status: 'pending',
      current: false,
      name: 'Back-office tablet',
      requestId: expect.stringMatching(/^apr_/) as unknown,
    });
    for (const [decision, status] of [
      ['approve', 'approved'],
      ['deny', 'denied'],
      ['revoke', 'revoked'],
    ] as const) {
      expect(
        await harness.value('queye.decideClient', { clientId: other.clientId, decision }),
      ).toMatchObject({ clientId: other.clientId, status });
    }
    sandbox().control.unlockUserKey(userKey);
    const missing = await harness.call('queye.decideClient', {
      clientId: 'nosuchclient',
      decision: 'approve',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
  });

  it('pages through the access log, newest first', async () => {
    const first = await harness.value('queye.accessLog');
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items[0]).toMatchObject({
      action: expect.any(String) as unknown,
      clientName: expect.any(String) as unknown,
      requestId: expect.any(String) as unknown,
    });
    const times = first.items.map((item) => Date.parse(item.at!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    if (first.nextCursor) {
      const next = await harness.value('queye.accessLog', { cursor: first.nextCursor });
      expect(next.items.length).toBeGreaterThan(0);
    }
  });

  it('rotates the key and keeps the new one in main: the renderer only ever gets its hint', async () => {
    const eventsBefore = harness.events.length;
    const rotated = await harness.value('queye.rotateKey');
    const stored = await harness.context.vault.get('queye.userKey');
    expect(stored).toMatch(/^qm_user_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}$/);
    expect(stored).not.toBe(userKey);
    expect(rotated).toEqual({ hint: `qm_user_…${stored!.slice(-4)}` });
    expect((await exchange(userKey)).body.error?.code).toBe('invalid_user_key');
    expect((await exchange(stored!)).status).toBe(200);
    const status = await harness.value('queye.status');
    expect(status.userKeyHint).toBe(rotated.hint);
    // Nothing that crosses the bridge holds the key: not the answer, not an event, not a log.
    const crossed = JSON.stringify([rotated, status, harness.events.slice(eventsBefore)]);
    expect(crossed).not.toContain(stored);
    expect(harness.logs.join('\n')).not.toContain(stored);
    userKey = stored!;
  });

  it('locks the key', async () => {
    const info = await harness.value('queye.lockKey');
    expect(info.locked).toBe(true);
    sandbox().control.unlockUserKey(userKey);
  });
});

describe('a sign-in without the account permission', () => {
  it('says plainly that account management is not allowed', async () => {
    const limited = await startHarness({ library: false });
    try {
      const { userKey: plainKey } = sandbox().control.createQueyeUser();
      await limited.value('queye.connect', {
        clientKey: sandbox().credentials.queyeClientKey,
        userKey: plainKey,
        baseUrl: sandbox().queye.baseUrl,
      });
      for (const name of ['queye.keyInfo', 'queye.clients', 'queye.accessLog'] as const) {
        expect(await limited.call(name)).toMatchObject({
          ok: false,
          error: {
            code: 'insufficient_scope',
            status: 403,
            message: expect.stringContaining('not manage your account') as unknown,
            action: expect.stringContaining('Queye Music website') as unknown,
          },
        });
      }
      // The library still works: nothing else is hidden.
      expect((await limited.value('queye.status')).state).toBe('signed-in');
    } finally {
      await limited.close();
    }
  });
});
