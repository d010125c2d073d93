import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DamagedFileNotice } from '../../../src-preload/contract/schemas/app.ts';
import { createTestServices, type TestServices } from '../../support/services.ts';

/**
 * The corrupt-file matrix for the settings and vault files: every way a file can be unusable
 * is set aside with a timestamp, logged, and named in a notice the renderer can read — and the
 * other file, and the valid parts of the damaged one, are kept.
 */
type Damage = (path: string) => Promise<void>;

const isRoot = process.getuid?.() === 0;

const damages: Array<[string, Damage]> = [
  ['truncated', (path) => writeFile(path, '{"ui": {"theme": "da')],
  ['garbage', (path) => writeFile(path, Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37]))],
  ['empty', (path) => writeFile(path, '')],
  ['null', (path) => writeFile(path, 'null')],
  ['an array', (path) => writeFile(path, '[1, 2]')],
  ['a directory', (path) => mkdir(path).then(() => undefined)],
  // Root reads any file whatever its mode, so a link pointing at itself stands in there.
  [
    'unreadable',
    async (path) => {
      if (isRoot) await symlink(path, path);
      else {
        await writeFile(path, '{}');
        await chmod(path, 0o000);
      }
    },
  ],
];

let dir: string;
let running: TestServices | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aislecast-corrupt-'));
});
afterEach(async () => {
  await running?.cleanup();
  running = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start() {
  await running?.cleanup();
  running = await createTestServices({ userDataDir: dir });
  return running.services;
}

/** A first run that leaves a custom address in the settings and a secret in the vault. */
async function seed() {
  const services = await start();
  services.settings.update({ queye: { baseUrl: 'https://eu.queyemusic.com/v1' } });
  await services.vault.setWeakStorageAllowed(true);
  await services.vault.set('musique.token', 'msk_live_abcdef0123456789');
  await running!.cleanup();
  running = undefined;
}

async function notices(services: Awaited<ReturnType<typeof start>>) {
  const answer = (await services.router['app.damagedFiles'](undefined, {
    origin: 'aislecast',
  })) as { ok: true; value: DamagedFileNotice[] };
  expect(answer.ok).toBe(true);
  return answer.value;
}

const asideIn = async (name: string) =>
  (await readdir(dir)).filter((file) => file.startsWith(`${name}.damaged-`));

describe.each(damages)('a settings.json that is %s', (_kind, damage) => {
  it('is set aside and reported; a sign-in whose address was lost is not sent elsewhere', async () => {
    await seed();
    await rm(join(dir, 'settings.json'), { force: true });
    await damage(join(dir, 'settings.json'));
    const services = await start();
    expect(services.settings.get().ui.theme).toBe('system');
    // The Musique address fell back to the default: the token saved for the old one must not
    // follow it there. The rest of the vault (the weak-storage choice) is kept.
    expect(services.settings.get().musique.baseUrl).toBe(
      'https://api.musique.app/api/v1/integration',
    );
    expect(await services.vault.get('musique.token')).toBeUndefined();
    expect((await services.vault.status()).weakStorageAllowed).toBe(true);
    const [notice, ...more] = await notices(services);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ file: 'settings.json' });
    expect(notice!.what).toMatch(/settings .*reset to their defaults/i);
    expect(notice!.what).toMatch(/sign in to Musique again\.$/);
    expect(await asideIn('settings.json')).toHaveLength(1);
    expect(running!.logs.join('\n')).toContain('a damaged data file was moved aside');
    // The fresh file is usable again.
    services.settings.update({ ui: { theme: 'dark' } });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      ui: { theme: 'dark' },
    });
  });
});

describe.each(damages)('a vault.json that is %s', (_kind, damage) => {
  it('is set aside and reported; the settings are kept; the app starts', async () => {
    await seed();
    await rm(join(dir, 'vault.json'), { force: true });
    await damage(join(dir, 'vault.json'));
    const services = await start();
    expect(services.settings.get().queye.baseUrl).toBe('https://eu.queyemusic.com/v1');
    expect(await services.vault.get('musique.token')).toBeUndefined();
    const [notice, ...more] = await notices(services);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ file: 'vault.json' });
    expect(notice!.what).toMatch(/sign in to Queye Music and Musique again/);
    expect(await asideIn('vault.json')).toHaveLength(1);
    await services.vault.set('musique.token', 'msk_live_newtoken01234567');
    expect(await services.vault.get('musique.token')).toBe('msk_live_newtoken01234567');
  });
});

describe('a file of the wrong shape', () => {
  it('settings: only the unusable section is reset, and the notice names it', async () => {
    await seed();
    const path = join(dir, 'settings.json');
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...file, player: { volume: 'loud', muted: 0 } }));
    const services = await start();
    expect(services.settings.get().queye.baseUrl).toBe('https://eu.queyemusic.com/v1');
    expect(services.settings.get().player).toEqual({ volume: 0.8, muted: false });
    expect(await services.vault.get('musique.token')).toBe('msk_live_abcdef0123456789');
    const [notice] = await notices(services);
    expect(notice!.what).toBe(
      'Some settings could not be read and were reset to their defaults: the volume.',
    );
    const [aside] = await asideIn('settings.json');
    expect(await readFile(join(dir, aside!), 'utf8')).toContain('"loud"');
  });

  it('vault: a secret that is not a string is dropped and named; the others stay', async () => {
    await seed();
    const path = join(dir, 'vault.json');
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      secrets: Record<string, unknown>;
    };
    file.secrets['queye.userKey'] = { not: 'a cipher' };
    await writeFile(path, JSON.stringify(file));
    const services = await start();
    expect(await services.vault.get('musique.token')).toBe('msk_live_abcdef0123456789');
    const [notice] = await notices(services);
    expect(notice!.what).toBe(
      'Some saved sign-in details could not be read and were removed: sign in to Queye Music again.',
    );
  });

  it('settings: a Musique address of the wrong shape is reset, and its token goes with it', async () => {
    await seed();
    const path = join(dir, 'settings.json');
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...file, musique: { baseUrl: 7 }, ui: 'dark' }));
    const services = await start();
    expect(services.settings.get().queye.baseUrl).toBe('https://eu.queyemusic.com/v1');
    expect(await services.vault.get('musique.token')).toBeUndefined();
    const [notice] = await notices(services);
    expect(notice!.what).toBe(
      'Some settings could not be read and were reset to their defaults: the theme, the ' +
        'Musique address and profile. The saved sign-in for Musique belonged to the address ' +
        'that was lost, so it was removed rather than sent elsewhere: sign in to Musique again.',
    );
  });
});
