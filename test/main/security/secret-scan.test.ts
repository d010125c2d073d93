import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../src-preload/api/ws-protocol.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type { ArgsOf, CallName, ResultOf } from '../../../src-preload/contract/types.ts';
import { dispatch } from '../../../src-main/services/core/router.ts';
import { createServices, type Services } from '../../../src-main/services/create-services.ts';
import { defaultAudioCacheDir } from '../../../src-main/sandbox/index.ts';
import { createNodeRuntime } from '../../../src-main/services/runtime/node-runtime.ts';
import { scriptedServer } from '../../support/http-server.ts';
import { startTestSandbox, type SandboxHandle } from '../../support/sandbox.ts';

/**
 * R1: plants unique secrets (a fresh client key and user key, the Musique token, and every
 * credential main sends or receives during the run: issued and rotated tokens, stream tokens,
 * the rotated user key, the demo's credentials), drives sign-in, sync, a token refresh,
 * playback, a key rotation, upstream errors that echo keys, base-URL changes through the
 * bridge, the demo and sign-out through the router the renderer talks to, then scans
 * everything that left main (every reply, event and log line), reached the disk, or reached
 * an address the secrets were not saved for.
 */
let sandbox: SandboxHandle;
let dir: string;
let services: Services;
let close: () => Promise<void>;
const logs: string[] = [];
const outgoing: string[] = [];
const secrets = new Set<string>();
/** What reached the stand-in for "another address" (requests in full). */
const elsewhere: string[] = [];
/** When set, the next matching upstream answer is an error that echoes a credential. */
let echo: { path: string; status: number; body: (credential: string) => unknown } | undefined;
const plant = (value: unknown) => {
  if (typeof value === 'string' && value.length >= 8) secrets.add(value.replace(/^Bearer\s+/i, ''));
};
const tokenFields = [
  'access_token',
  'refresh_token',
  'stream_token',
  'user_api_key',
  'userApiKey',
  'token',
];

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
  runtime.config.demoSandbox = {
    warmAudio: false,
    audioCacheDir: defaultAudioCacheDir,
    tracks: 20,
  };
  // Every credential main sends, and every one an upstream hands out, joins the secrets.
  runtime.config.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const headers = new Headers(init?.headers);
    for (const name of ['x-api-key', 'x-queye-client-key', 'authorization'])
      plant(headers.get(name) ?? undefined);
    plant(new URL(url).searchParams.get('st') ?? undefined);
    if (typeof init?.body === 'string' && init.body.startsWith('{')) {
      const sent = JSON.parse(init.body) as Record<string, unknown>;
      for (const field of ['user_api_key', 'refresh_token', 'companyToken']) plant(sent[field]);
    }
    if (echo && new URL(url).pathname.endsWith(echo.path)) {
      const credential =
        headers.get('x-api-key') ?? [...secrets].find((v) => v.startsWith('qm_user_'))!;
      const { status, body } = echo;
      echo = undefined;
      return new Response(JSON.stringify(body(credential)), {
        status,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req_echo' },
      });
    }
    const response = await fetch(input, init);
    if (response.ok && response.headers.get('content-type')?.includes('json')) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      const data = (body.data ?? body) as Record<string, unknown>;
      for (const field of tokenFields) plant(body[field] ?? data?.[field]);
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

  // The Musique account, with its saved token.
  secrets.add(sandbox.credentials.musiqueApiToken);
  await call('settings.set', { musique: { baseUrl: sandbox.musique.v1BaseUrl } });
  expect(
    await call('musique.connect', { token: sandbox.credentials.musiqueApiToken }),
  ).toMatchObject({ ok: true });
  await call('musique.refreshLibrary');

  // Playback: stream tokens are issued, used and renewed in main only.
  const trackId = Number(sandbox.control.tracks()[0]!.id);
  const media = await services.media.handle(
    new Request(`media://track/${trackId}`, { headers: { range: 'bytes=0-4095' } }),
  );
  outgoing.push(JSON.stringify([media.status, [...media.headers]]));
  await media.arrayBuffer();
  await call('stream.check', { trackId });

  // A key rotation: the new user key stays in main.
  const rotated = await call('queye.rotateKey');
  expect(rotated).toMatchObject({ ok: true });
  expect([...secrets].filter((s) => s.startsWith('qm_user_')).length).toBeGreaterThanOrEqual(2);

  // Base-URL changes through the bridge: the saved secrets must not follow.
  const other = await scriptedServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      elsewhere.push(JSON.stringify({ url: req.url, headers: req.headers, body }));
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'approval_required', message: 'Approve. apr_x1', request_id: 'apr_x1' },
        }),
      );
    });
  });
  try {
    await call('settings.set', { musique: { baseUrl: `${other.url}/api/v1/integration` } });
    await call('musique.testToken');
    await call('musique.refreshLibrary');
    await call('musique.serviceStatus');
    await call('connection.check');
    await call('queye.connect', {
      clientKey: 'qm_client_thrw4way_000000000000000000000000',
      userKey: 'qm_user_thrw4way_000000000000000000000000',
      baseUrl: `${other.url}/v1`,
    });
    await call('queye.reconnect');
    await call('queye.retryApproval');
    await call('queye.cancelApproval');
  } finally {
    await other.close();
  }
  expect(elsewhere.length).toBeGreaterThan(0);
  await call('settings.set', { musique: { baseUrl: sandbox.musique.v1BaseUrl } });

  // Upstream errors that echo the key they refuse.
  echo = {
    path: '/user/clients',
    status: 403,
    body: (key) => ({ error: { code: 'forbidden', message: `The key ${key} is not allowed` } }),
  };
  expect(await call('queye.clients')).toMatchObject({ ok: false });
  echo = {
    path: '/api/integration/test',
    status: 401,
    body: (key) => ({
      error: { code: 'INVALID_TOKEN', message: `Token ${key} belongs to another environment` },
    }),
  };
  await call('musique.testToken');
  await call('musique.account');
  await call('connection.check');

  // The demo: its credentials live in main's memory only.
  expect(await call('demo.start')).toMatchObject({ ok: true });
  await call('queye.status');
  await call('musique.account');
  await call('musique.refreshLibrary');
  await call('connection.check');
  expect(await call('demo.stop', { then: 'accounts' })).toMatchObject({ ok: true });

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

  it('collected stream tokens, the rotated key, the Musique token and the demo credentials', () => {
    const all = [...secrets];
    expect(all.filter((s) => s.startsWith('qst_')).length).toBeGreaterThan(0);
    expect(all.filter((s) => s.startsWith('qm_user_')).length).toBeGreaterThanOrEqual(3);
    expect(all.filter((s) => s.startsWith('qm_client_')).length).toBeGreaterThanOrEqual(2);
    expect(all).toContain(sandbox.credentials.musiqueApiToken);
  });

  it('finds none in any call result or pushed event', () => {
    expect(leaks(outgoing.join('\n'))).toEqual([]);
  });

  it('sent none to an address the secrets were not saved for', () => {
    // Only the throw-away keys typed for that address went there.
    const sent = leaks(elsewhere.join('\n'));
    expect(sent.filter((secret) => !secret.includes('thrw4way'))).toEqual([]);
    expect(sent.length).toBeGreaterThan(0);
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
