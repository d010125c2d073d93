import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type { ArgsOf, CallName, ResultOf } from '../../../src-preload/contract/types.ts';
import { dispatch } from '../../../src-main/services/core/router.ts';
import { createServices, type Services } from '../../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../../src-main/services/runtime/node-runtime.ts';
import { startTestSandbox, type SandboxHandle } from '../../support/sandbox.ts';

/**
 * Issue 10 item 9: the corrupt-file matrix. Every data file main writes (except the settings
 * and vault files, which have their own tests) is damaged in every way a disk or a user can
 * damage it; the app must start, hand the file to DamagedFiles (moved aside with a timestamp,
 * the user told what was reset) and lose nothing else. Add a file by adding a row to `files`.
 */
let sandbox: SandboxHandle;
let template: string;
const dirs: string[] = [];
const origin = 'app://aislecast';

interface Running {
  services: Services;
  dir: string;
  logs: string[];
  call<K extends CallName>(name: K, args?: ArgsOf<K>): Promise<Outcome<ResultOf<K>>>;
  close(): Promise<void>;
}

async function start(dir: string): Promise<Running> {
  const logs: string[] = [];
  const runtime = createNodeRuntime({
    userDataDir: dir,
    logLevel: 'debug',
    logSink: (line) => logs.push(line),
  });
  const services = createServices(runtime.config);
  await services.ready;
  return {
    services,
    dir,
    logs,
    call: <K extends CallName>(name: K, args?: ArgsOf<K>) =>
      dispatch(services.router, name, args, { origin }) as Promise<Outcome<ResultOf<K>>>,
    async close() {
      await services.dispose();
      await runtime.close();
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.parentPath.includes(`${join('logs')}`))
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

/** A profile with every file in place: signed in to both services, synced, a queue saved. */
beforeAll(async () => {
  sandbox = await startTestSandbox({ tracks: 60 });
  template = await mkdtemp(join(tmpdir(), 'aislecast-corrupt-template-'));
  const app = await start(template);
  try {
    expect(await app.call('vault.setWeakStorage', { allowed: true })).toMatchObject({ ok: true });
    await app.call('settings.set', { musique: { baseUrl: sandbox.musique.v1BaseUrl } });
    expect(
      await app.call('queye.connect', {
        clientKey: sandbox.credentials.queyeClientKey,
        userKey: sandbox.credentials.queyeUserKey,
        baseUrl: sandbox.queye.baseUrl,
      }),
    ).toMatchObject({ ok: true, value: { state: 'signed-in' } });
    await until(async () => {
      const status = await app.call('library.status');
      return status.ok && status.value.synced && !status.value.syncing;
    }, 'the library sync');
    expect(
      await app.call('musique.connect', { token: sandbox.credentials.musiqueApiToken }),
    ).toMatchObject({ ok: true });
    expect(await app.call('musique.refreshLibrary')).toMatchObject({ ok: true });
    expect(
      await app.call('player.saveQueue', {
        ids: [1, 2, 3],
        index: 1,
        position: 12,
        shuffle: false,
        repeat: 'off',
        history: [],
      }),
    ).toMatchObject({ ok: true });
  } finally {
    await app.close();
  }
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  for (const dir of [template, ...dirs]) if (dir) await rm(dir, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;

/** Ways a file gets damaged; each takes the good text and writes the damage at `path`. */
const damages: Array<{
  name: string;
  apply(path: string, good: string): Promise<void>;
  skip?: string;
}> = [
  { name: 'truncated', apply: (path, good) => writeFile(path, good.slice(0, good.length / 2)) },
  {
    name: 'garbage',
    apply: (path) => writeFile(path, Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x7b, 0x22])),
  },
  { name: 'null', apply: (path) => writeFile(path, 'null') },
  { name: 'wrong shape', apply: (path) => writeFile(path, '{"items":"not a list","version":[]}') },
  {
    name: 'a directory in its place',
    async apply(path) {
      await mkdir(path);
      await writeFile(join(path, 'stray.txt'), 'x');
    },
  },
  {
    name: 'unreadable (chmod 000)',
    async apply(path, good) {
      await writeFile(path, good);
      await chmod(path, 0o000);
    },
    // Root reads any file whatever its mode; the directory row covers an unreadable file.
    ...(isRoot ? { skip: 'running as root, which reads a file whatever its mode' } : {}),
  },
];

/** One row per file main writes: where it is, what reads it, and what must survive it. */
const files: Array<{
  name: string;
  /** The file's path inside a profile (it may not exist yet: damage creates it). */
  locate(dir: string): Promise<string>;
  /** Makes the app read the file after start-up. */
  read(app: Running): Promise<void>;
  /** What else the row's file may take with it (nothing, usually). */
  extraDamages?: typeof damages;
  check?(app: Running): Promise<void>;
}> = [
  {
    name: 'player/queue.json',
    locate: (dir) => Promise.resolve(join(dir, 'player', 'queue.json')),
    async read(app) {
      expect(await app.call('player.loadQueue')).toEqual({ ok: true, value: null });
    },
  },
  {
    name: 'queye/account.json',
    locate: (dir) => Promise.resolve(join(dir, 'queye', 'account.json')),
    read: () => Promise.resolve(),
    async check(app) {
      // The keys are kept: Reconnect signs in again, to the address they were saved with.
      const status = await app.call('queye.status');
      expect(status).toMatchObject({
        ok: true,
        value: { state: 'signed-out', canReconnect: true, baseUrl: sandbox.queye.baseUrl },
      });
      expect(await app.call('queye.reconnect')).toMatchObject({
        ok: true,
        value: { state: 'signed-in' },
      });
    },
  },
  {
    name: 'library/<account>.json (the Queye library cache)',
    async locate(dir) {
      const name = (await readdir(join(dir, 'library'))).find(
        (file) => file.endsWith('.json') && !file.endsWith('.partial.json'),
      );
      return join(dir, 'library', name!);
    },
    read: (app) =>
      until(() => app.services.damagedFiles.list().length > 0, 'the library cache read'),
    extraDamages: [
      {
        name: 'a coded column with the wrong row count',
        async apply(path, good) {
          const data = JSON.parse(good) as { tracks: { text: Record<string, string> } };
          const artists = data.tracks.text.artist!.split('\u0085');
          data.tracks.text.artist = artists.slice(1).join('\u0085');
          await writeFile(path, JSON.stringify(data));
        },
      },
    ],
    async check(app) {
      // Synced again from Queye: the library is whole again.
      // Every row starts from a copy of one profile, whose refresh token an earlier row may
      // have rotated already: sign in again with the saved keys first.
      await app.call('queye.reconnect');
      await app.call('library.sync', {});
      await until(async () => {
        const status = await app.call('library.status');
        return status.ok && status.value.trackCount === 60 && !status.value.syncing;
      }, 'the library to sync again');
      expect(await app.call('library.snapshot')).toMatchObject({ ok: true });
    },
  },
  {
    name: 'library/<account>.partial.json (an interrupted sync)',
    async locate(dir) {
      const name = (await readdir(join(dir, 'library'))).find((file) => file.endsWith('.json'));
      return join(dir, 'library', name!.replace(/\.json$/, '.partial.json'));
    },
    read: (app) => until(() => app.services.damagedFiles.list().length > 0, 'the checkpoint read'),
  },
  {
    name: 'musique/library-<account>.json',
    async locate(dir) {
      const name = (await readdir(join(dir, 'musique'))).find((file) =>
        file.startsWith('library-'),
      );
      return join(dir, 'musique', name!);
    },
    read: () => Promise.resolve(),
    async check(app) {
      const refreshed = await app.call('musique.refreshLibrary');
      expect(refreshed.ok && refreshed.value.items.length).toBeGreaterThan(0);
    },
  },
];

describe.each(files)('$name', (file) => {
  const rows = [...damages, ...(file.extraDamages ?? [])];
  for (const damage of rows) {
    // A row that cannot bite here is reported as skipped, with why, never passed silently.
    const test = damage.skip ? it.skip : it;
    const title = damage.skip
      ? `${damage.name} (skipped: ${damage.skip})`
      : `${damage.name}: moved aside, the user told, nothing else lost`;
    test(title, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'aislecast-corrupt-'));
      dirs.push(dir);
      await cp(template, dir, { recursive: true });
      const path = await file.locate(dir);
      const good = await readFile(path, 'utf8').catch(() => '{"format":"aislecast-library"}');
      const before = (await filesUnder(dir)).filter((name) => name !== path.slice(dir.length + 1));
      await rm(path, { force: true });
      await mkdir(dirname(path), { recursive: true });
      await damage.apply(path, good);

      const app = await start(dir);
      try {
        await file.read(app);
        // The app still answers, and the user was told which file was reset and where it went.
        expect(await app.call('app.ping', { echo: 'alive' })).toMatchObject({ ok: true });
        const notices = app.services.damagedFiles.list();
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatchObject({ file: path.slice(dir.length + 1) });
        expect(notices[0]!.what.length).toBeGreaterThan(20);
        expect(notices[0]!.keptAs).toMatch(/\.damaged-\d{8}T\d{6}Z$/);
        expect(await readdir(dirname(path))).toContain(basename(notices[0]!.keptAs!));
        expect(app.logs.some((line) => line.includes('a damaged data file was moved aside'))).toBe(
          true,
        );
        // Nothing else lost: every other file is still there, and so are the saved secrets.
        const after = await filesUnder(dir);
        for (const other of before) expect(after).toContain(other);
        for (const secret of ['queye.clientKey', 'queye.userKey', 'musique.apiToken'])
          expect([secret, await app.services.vault.has(secret)]).toEqual([secret, true]);
        await file.check?.(app);
      } finally {
        await app.close();
      }
    });
  }
});
