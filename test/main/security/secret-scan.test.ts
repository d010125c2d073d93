import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src-preload/api/ws-protocol.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type { ArgsOf, CallName, ResultOf } from '../../../src-preload/contract/types.ts';
import { dispatch } from '../../../src-main/services/core/router.ts';
import { createServices, type Services } from '../../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../../src-main/services/runtime/node-runtime.ts';
import { startTestSandbox, type SandboxHandle } from '../../support/sandbox.ts';

/**
 * R1: plants unique secrets (a fresh client key and user key, and every token Queye issues
 * during the run), drives sign-in, sync, a token refresh and sign-out through the router the
 * renderer talks to, then scans everything that left main or reached the disk.
 */
let sandbox: SandboxHandle;
let dir: string;
let services: Services;
let close: () => Promise<void>;
const logs: string[] = [];
const outgoing: string[] = [];
const secrets = new Set<string>();

const origin = 'app://aislecast';
async function call<K extends CallName>(name: K, args?: ArgsOf<K>) {
  const outcome = (await dispatch(services.router, name, args, { origin })) as Outcome<ResultOf<K>>;
  // What the renderer receives: the outcome, as the browser host's bridge encodes it.
  outgoing.push(encodeFrame({ type: 'result', id: 1, outcome }));
  return outcome;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name !== 'vault.key')
    .map((entry) => join(entry.parentPath, entry.name));
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting for the library');
}

function leaks(text: string): string[] {
  return [...secrets].filter((secret) => text.includes(secret));
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ tracks: 600, accessTokenTtlSec: 120 });
  const client = sandbox.control.createQueyeClient('Aislecast R1');
  const user = sandbox.control.createQueyeUser({ scopes: ['library.read', 'stream', 'account'] });
  secrets.add(client.clientKey);
  secrets.add(user.userKey);
  dir = await mkdtemp(join(tmpdir(), 'aislecast-r1-'));
  const runtime = createNodeRuntime({
    userDataDir: dir,
    logLevel: 'debug',
    logSink: (line) => logs.push(line),
  });
  // Every token Queye hands out joins the list of secrets to look for.
  runtime.config.fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : input.toString();
    if (url.includes('/auth/') && response.ok) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      for (const field of ['access_token', 'refresh_token'])
        if (typeof body[field] === 'string') secrets.add(body[field]);
    }
    return response;
  };
  services = createServices(runtime.config);
  services.events.listen((name, payload) =>
    outgoing.push(encodeFrame({ type: 'event', name, payload })),
  );
  close = async () => {
    await services.dispose();
    await runtime.close();
  };
  await services.ready;

  const keys = {
    clientKey: `${client.clientKey}\n`,
    userKey: ` ${user.userKey} `,
    baseUrl: sandbox.queye.baseUrl,
  };
  expect(await call('vault.setWeakStorage', { allowed: true })).toMatchObject({ ok: true });
  expect(await call('queye.test', keys)).toMatchObject({ ok: true });
  expect(await call('queye.connect', keys)).toMatchObject({ ok: true });
  await until(async () => {
    const status = await call('library.status');
    return status.ok && status.value.synced && !status.value.syncing;
  });
  await call('library.snapshot');
  await call('queye.keyInfo');
  await call('queye.clients');
  await call('queye.accessLog');
  await call('connection.check');
  // Queye expires the access token: the next sync refreshes (rotating the refresh token).
  const access = [...secrets].filter((secret) => secret.startsWith('qat_')).at(-1)!;
  sandbox.control.expireToken(access);
  sandbox.control.addTracks(3);
  await call('library.sync');
  await until(async () => {
    const status = await call('library.status');
    return status.ok && status.value.trackCount === 603 && !status.value.syncing;
  });
  await call('queye.status');
  await call('settings.get');
  expect(await call('queye.signOut')).toMatchObject({ ok: true });
  await close();
});

afterAll(async () => {
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('R1: no secret leaves the vault', () => {
  it('collected the secrets of a real run (client key, user key, rotated tokens)', () => {
    expect([...secrets].filter((s) => s.startsWith('qat_')).length).toBeGreaterThanOrEqual(3);
    expect([...secrets].filter((s) => s.startsWith('qrt_')).length).toBeGreaterThanOrEqual(3);
    expect(outgoing.length).toBeGreaterThan(20);
    const messages = logs.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'signed in to Queye',
        'library sync finished',
        'refreshed the Queye access token',
        'signed out of Queye',
      ]) as unknown,
    );
    // The scan can fail: the keys the user typed are in what the form sent to main.
    expect(leaks(JSON.stringify({ userKey: [...secrets][1] }))).toHaveLength(1);
  });

  it('finds none in any call result or pushed event', () => {
    expect(leaks(outgoing.join('\n'))).toEqual([]);
  });

  it('finds none in the log, in memory or in the log file', async () => {
    expect(leaks(logs.join('\n'))).toEqual([]);
    expect(leaks(await readFile(join(dir, 'logs', 'aislecast.log'), 'utf8'))).toEqual([]);
  });

  it('finds none in the settings file, the vault file, the account record or the library cache', async () => {
    const files = await filesUnder(dir);
    expect(files.some((file) => file.endsWith('settings.json'))).toBe(true);
    expect(files.some((file) => file.endsWith('vault.json'))).toBe(true);
    expect(files.some((file) => file.includes(`${join('library', '')}`))).toBe(true);
    for (const file of files)
      expect([file, leaks(await readFile(file, 'utf8'))]).toEqual([file, []]);
  });
});
