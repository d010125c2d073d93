import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStores } from '../../../src-main/app/stores.ts';
import { createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { splitLegacyConfig } from '../../../src-main/services/settings/legacy-config.ts';
import { settingsDefaults } from '../../../src-main/services/settings/schema.ts';
import { createSettingsService } from '../../../src-main/services/settings/settings-service.ts';
import { app, recorded } from '../../support/electron-stub.ts';

/**
 * The app's real store module: electron-store (bundled with the `electron` double) and conf,
 * with the options the services define, over a throw-away userData folder.
 */
let dir: string;
beforeEach(async () => {
  recorded.reset();
  dir = await mkdtemp(join(tmpdir(), 'aislecast-stores-'));
  app.setPath('userData', dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = () => {
  const damagedFiles = createDamagedFiles({ dataDir: dir, log: silentLogger() });
  const stores = openStores({ dir, version: '0.2.0', damagedFiles, log: silentLogger() });
  return { ...stores, damagedFiles };
};

describe('the settings and vault files', () => {
  it('are two files: a vault write leaves the settings alone, across a restart', async () => {
    const first = open();
    expect(first.settings.path).toBe(join(dir, 'settings.json'));
    const settings = createSettingsService(first.settings);
    settings.update({ ui: { theme: 'dark' }, musique: { baseUrl: 'https://eu.musique.app/api' } });
    first.vault.write({ secrets: { 'musique.token': 'cipher-1' }, allowWeak: false });
    first.vault.write({ secrets: { 'musique.token': 'cipher-2' }, allowWeak: true });

    const again = open();
    expect(createSettingsService(again.settings).get()).toMatchObject({
      ui: { theme: 'dark' },
      musique: { baseUrl: 'https://eu.musique.app/api' },
    });
    expect(again.vault.read()).toEqual({
      secrets: { 'musique.token': 'cipher-2' },
      allowWeak: true,
    });
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'vault.json']);
    expect(again.damagedFiles.list()).toEqual([]);
  });

  it('splits the combined config.json of earlier versions without losing either half', async () => {
    const combined = {
      secrets: { 'queye.userKey': 'cipher-u', 'musique.token': 'cipher-m' },
      allowWeak: false,
      ...settingsDefaults,
      ui: { theme: 'light' },
      queye: { baseUrl: 'https://staging.queyemusic.com/v1' },
      __internal__: { migrations: { version: '0.1.0' } },
    };
    await writeFile(join(dir, 'config.json'), JSON.stringify(combined));

    const stores = open();
    expect(createSettingsService(stores.settings).get()).toMatchObject({
      ui: { theme: 'light' },
      queye: { baseUrl: 'https://staging.queyemusic.com/v1' },
    });
    expect(stores.vault.read()).toEqual({ secrets: combined.secrets, allowWeak: false });
    expect((await readdir(dir)).sort()).toEqual([
      'config.json.migrated',
      'settings.json',
      'vault.json',
    ]);
    const settingsFile = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as object;
    expect(settingsFile).not.toHaveProperty('secrets');
    expect(stores.damagedFiles.list()).toEqual([]);
  });

  it('splits a combined file that only the vault wrote last (the settings were its defaults)', () => {
    expect(splitLegacyConfig({ secrets: { a: 'x' }, allowWeak: true, stray: 1 })).toEqual({
      settings: {},
      vault: { secrets: { a: 'x' }, allowWeak: true },
    });
  });

  it('reports a combined file it cannot read, and starts with defaults', async () => {
    await writeFile(join(dir, 'config.json'), '{"secrets": {"queye.');
    const stores = open();
    expect(stores.settings.store.ui.theme).toBe('system');
    const [notice] = stores.damagedFiles.list();
    expect(notice).toMatchObject({ file: 'config.json' });
    expect(notice!.what).toMatch(/sign in to Queye Music and Musique again/);
    expect(notice!.keptAs).toMatch(/^config\.json\.damaged-/);
  });
});
