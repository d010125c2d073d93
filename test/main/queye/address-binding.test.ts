import type { IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeyedSecretBox } from '../../../src-main/services/vault/secret-box.ts';
import { scriptedServer } from '../../support/http-server.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { startHarness, type Harness } from './support/harness.ts';

/**
 * Issue 10 item 1: the saved Queye client and user keys only ever go to the address they were
 * saved with. A script in the renderer can call `queye.connect` with throw-away keys and any
 * URL; a server there that answers `approval_required` must never receive the saved keys, not
 * on `queye.reconnect` and not in the approval loop.
 */
const sandbox = useSandbox({ tracks: 10 });
const osBox = () => createKeyedSecretBox(Buffer.alloc(32, 7), 'os');
let evil: Awaited<ReturnType<typeof scriptedServer>>;
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
let harness: Harness | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  evil = await scriptedServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: 'approval_required',
            message: 'Approve this app. Request ID: apr_evil0001.',
            request_id: 'apr_evil0001',
          },
        }),
      );
    });
  });
});
afterAll(() => evil?.close());
afterEach(async () => {
  await harness?.close({ keepDir: true });
  harness = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const throwAway = () => ({
  clientKey: 'qm_client_evi1xxxx_000000000000000000000000',
  userKey: 'qm_user_evi1xxxx_000000000000000000000000',
  baseUrl: `${evil.url}/v1`,
});

/** A saved sign-in whose keys are kept; optionally with the session ended (refresh token gone). */
async function savedAccount(options: { ended: boolean }) {
  const client = sandbox().control.createQueyeClient('Aislecast binding');
  const user = sandbox().control.createQueyeUser({ scopes: ['library.read', 'stream'] });
  const keys = {
    clientKey: client.clientKey,
    userKey: user.userKey,
    baseUrl: sandbox().queye.baseUrl,
  };
  harness = await startHarness({ library: false, secretBox: osBox() });
  dirs.push(harness.dir);
  const signedIn = await harness.value('queye.connect', keys);
  expect(signedIn.state).toBe('signed-in');
  if (options.ended) {
    await harness.context.vault.delete('queye.refreshToken');
    const dir = harness.dir;
    await harness.close({ keepDir: true });
    harness = await startHarness({ library: false, secretBox: osBox(), dir });
    expect(await harness.value('queye.status')).toMatchObject({
      state: 'signed-out',
      canReconnect: true,
    });
  }
  return keys;
}

const leaked = (keys: { clientKey: string; userKey: string }) =>
  received.filter(
    (r) =>
      JSON.stringify(r.headers).includes(keys.clientKey) ||
      r.body.includes(keys.userKey) ||
      r.body.includes(keys.clientKey),
  );

describe('saved Queye keys stay with their address', () => {
  it('reconnect after a connect to another address awaiting approval sends nothing saved there', async () => {
    received.length = 0;
    const keys = await savedAccount({ ended: true });
    // The saved user must approve again at its own Queye: reconnect waits there, not elsewhere.
    sandbox().control.lockUserKey(keys.userKey);
    const waiting = await harness!.value('queye.connect', throwAway());
    expect(waiting).toMatchObject({ state: 'awaiting-approval', baseUrl: `${evil.url}/v1` });
    expect(received).toHaveLength(1);

    const again = await harness!.value('queye.reconnect');
    expect(again).toMatchObject({ state: 'awaiting-approval', baseUrl: sandbox().queye.baseUrl });
    // The approval loop keeps asking — at the saved address only.
    await harness!.clock.advance(30_000);
    await harness!.value('queye.retryApproval');
    expect(leaked(keys)).toEqual([]);
    expect(received).toHaveLength(1);

    const cancelled = await harness!.value('queye.cancelApproval');
    expect(cancelled.state).not.toBe('signed-in');
    expect(cancelled).toMatchObject({ state: 'signed-out', baseUrl: sandbox().queye.baseUrl });
    await harness!.clock.advance(300_000);
    expect(leaked(keys)).toEqual([]);
    sandbox().control.unlockUserKey(keys.userKey);
  });

  it('a cancelled connect to another address goes back to the saved sign-in at its own address', async () => {
    received.length = 0;
    const keys = await savedAccount({ ended: false });
    await harness!.value('queye.connect', throwAway());
    const cancelled = await harness!.value('queye.cancelApproval');
    expect(cancelled).toMatchObject({ baseUrl: sandbox().queye.baseUrl });
    expect(leaked(keys)).toEqual([]);
  });

  it('the binding lives in the vault: an account record pointing elsewhere is not followed', async () => {
    received.length = 0;
    const keys = await savedAccount({ ended: true });
    const { readFile, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const path = join(harness!.dir, 'queye', 'account.json');
    const record = JSON.parse(await readFile(path, 'utf8')) as { baseUrl: string };
    await writeFile(path, JSON.stringify({ ...record, baseUrl: `${evil.url}/v1` }));
    const dir = harness!.dir;
    await harness!.close({ keepDir: true });
    harness = await startHarness({ library: false, secretBox: osBox(), dir });
    expect((await harness.value('queye.status')).baseUrl).toBe(sandbox().queye.baseUrl);
    expect((await harness.value('queye.reconnect')).state).toBe('signed-in');
    expect(leaked(keys)).toEqual([]);
  });
});
