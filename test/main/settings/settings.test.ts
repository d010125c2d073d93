import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  settingsDefaults,
  type StoredSettings,
} from '../../../src-main/services/settings/schema.ts';
import { createSettingsService } from '../../../src-main/services/settings/settings-service.ts';
import { settingsStoreOptions } from '../../../src-main/services/settings/store-options.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aislecast-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = (version = '0.1.0', migrations?: Parameters<typeof settingsStoreOptions>[1]) =>
  new Conf<StoredSettings>({ ...settingsStoreOptions(version, migrations), cwd: dir });

describe('settings service', () => {
  it('starts from the defaults and persists a patch to disk', async () => {
    const store = open();
    const settings = createSettingsService(store);
    expect(settings.get()).toEqual({
      app: settingsDefaults.app,
      ui: settingsDefaults.ui,
      queye: settingsDefaults.queye,
      musique: settingsDefaults.musique,
      player: settingsDefaults.player,
      broadcast: { historyDays: 365 },
    });
    const seen: unknown[] = [];
    settings.onChange((next) => seen.push(next));
    settings.update({ ui: { theme: 'dark' }, player: { volume: 0.25 } });
    const onDisk = JSON.parse(await readFile(store.path, 'utf8')) as StoredSettings;
    expect(onDisk.ui.theme).toBe('dark');
    expect(onDisk.player).toEqual({ volume: 0.25, muted: false });
    expect(seen).toHaveLength(1);
    settings.update({ ui: { theme: 'dark' } });
    expect(seen).toHaveLength(1);
    expect(createSettingsService(open()).get().ui.theme).toBe('dark');
  });

  it('keeps window bounds out of the public settings', () => {
    const settings = createSettingsService(open());
    settings.saveWindowBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(settings.get()).not.toHaveProperty('window');
    expect(settings.windowBounds()).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('runs migrations newer than the version recorded in the file, in order', async () => {
    const first = open('0.1.0');
    first.set('ui', { theme: 'light' });
    const ran: string[] = [];
    const migrated = open('0.3.0', {
      '0.2.0': (store) => {
        ran.push('0.2.0');
        store.set('player', { volume: 0.5, muted: true });
      },
      '0.3.0': () => {
        ran.push('0.3.0');
      },
      '0.1.0': () => {
        ran.push('0.1.0');
      },
    });
    expect(ran).toEqual(['0.2.0', '0.3.0']);
    expect(migrated.store.player).toEqual({ volume: 0.5, muted: true });
    expect(migrated.store.ui.theme).toBe('light');
    const raw = JSON.parse(await readFile(migrated.path, 'utf8')) as {
      __internal__: { migrations: { version: string } };
    };
    expect(raw.__internal__.migrations.version).toBe('0.3.0');
  });

  it('conf never wipes a damaged file by itself: openStoreFile sets it aside first', async () => {
    const store = open();
    await writeFile(store.path, '{ not json');
    expect(() => open()).toThrow();
    expect(await readFile(store.path, 'utf8')).toBe('{ not json');
  });

  it('loads a file written before broadcast history existed, with the default kept days', async () => {
    const store = open();
    const { broadcast: _dropped, ...older } = store.store;
    await writeFile(store.path, JSON.stringify(older));
    const settings = createSettingsService(open());
    expect(settings.get().broadcast).toEqual({ historyDays: 365 });
    expect(settings.get().player).toEqual(settingsDefaults.player);
    settings.update({ broadcast: { historyDays: 30 } });
    expect(createSettingsService(open()).get().broadcast.historyDays).toBe(30);
    expect(() => open().set('broadcast', { historyDays: 3 })).toThrow();
  });

  it('rejects a value that breaks the schema', () => {
    const store = open();
    expect(() => store.set('player', { volume: 3, muted: false })).toThrow();
  });
});
