import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDamagedFiles,
  type DamagedFiles,
} from '../../../src-main/services/files/damaged-files.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import {
  directoryFilePath,
  upgradeDirectoryFile,
} from '../../../src-main/services/stores/directory-file.ts';
import { createStoreDirectory } from '../../../src-main/services/stores/store-directory.ts';
import type { StoreInput } from '../../../src-preload/contract/schemas/stores.ts';

const quiet = silentLogger();

const input = (externalId: string, extra: Partial<StoreInput> = {}): StoreInput => ({
  externalId,
  name: `Store ${externalId}`,
  region: 'Lisboa',
  tags: ['express'],
  timeZone: 'Europe/Lisbon',
  testStore: false,
  ...extra,
});

describe('store directory', () => {
  let dir: string;
  let damaged: DamagedFiles;
  const open = () =>
    createStoreDirectory({ path: directoryFilePath(dir), damagedFiles: damaged, log: quiet });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aislecast-stores-'));
    damaged = createDamagedFiles({ dataDir: dir, log: quiet });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps stores and groups across restarts in a versioned file', async () => {
    const first = open();
    await first.load();
    await first.add(input('s1'));
    await first.add(input('S1', { region: 'Porto' }));
    const group = await first.saveGroup(undefined, {
      kind: 'rule',
      name: 'Lisbon',
      rule: { regions: ['Lisboa'], tags: [], timeZones: [] },
      exclusions: [],
    });
    expect(group.memberCount).toBe(1);

    const raw = JSON.parse(await readFile(directoryFilePath(dir), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(raw).toMatchObject({ format: 'aislecast-store-directory', version: 1 });

    const second = open();
    await second.load();
    expect(second.list().map((s) => s.externalId)).toEqual(['s1', 'S1']);
    expect(second.members(group.id)).toEqual(['s1']);
    expect(damaged.list()).toEqual([]);
  });

  it('a change asked for while the file is still being read waits for it', async () => {
    const first = open();
    await first.add(input('s1'));
    const second = open();
    const loading = second.load();
    const added = second.add(input('s2'));
    await Promise.all([loading, added]);
    expect(second.list().map((s) => s.externalId)).toEqual(['s1', 's2']);
    const third = open();
    await third.load();
    expect(third.list().map((s) => s.externalId)).toEqual(['s1', 's2']);
  });

  it('refuses a second store with the same External ID, and bad fields, with the reason', async () => {
    const directory = open();
    await directory.add(input('s1'));
    await expect(directory.add(input(' s1 '))).rejects.toMatchObject({
      shape: { code: 'store_invalid', message: expect.stringMatching(/s1 is already/) as unknown },
    });
    await expect(directory.add(input('s 2'))).rejects.toMatchObject({
      shape: { code: 'store_invalid', details: { problems: [{ field: 'externalId' }] } },
    });
    expect(directory.list()).toHaveLength(1);
  });

  it('renaming a store keeps it in the groups that named it; removal drops it', async () => {
    const directory = open();
    await directory.add(input('a'));
    await directory.add(input('b'));
    const picked = await directory.saveGroup(undefined, {
      kind: 'picked',
      name: 'Pilot',
      members: ['a', 'b'],
    });
    await directory.edit('a', input('a-renamed'));
    expect(directory.members(picked.id)).toEqual(['a-renamed', 'b']);
    await directory.remove(['b']);
    expect(directory.members(picked.id)).toEqual(['a-renamed']);
    expect(directory.resolve(['a-renamed', 'b', 'a-renamed'])).toEqual({
      stores: [expect.objectContaining({ externalId: 'a-renamed', timeZone: 'Europe/Lisbon' })],
      unknown: ['b'],
    });
  });

  it('bulk edits tags and region of the chosen stores only', async () => {
    const directory = open();
    await directory.add(input('a'));
    await directory.add(input('b'));
    const updated = await directory.bulkEdit({
      externalIds: ['a'],
      addTags: ['flagship'],
      removeTags: ['EXPRESS'],
      region: 'Porto',
    });
    expect(updated).toBe(1);
    expect(directory.get('a')).toMatchObject({ tags: ['flagship'], region: 'Porto' });
    expect(directory.get('b')).toMatchObject({ tags: ['express'], region: 'Lisboa' });
    await expect(directory.bulkEdit({ externalIds: ['a'], timeZone: 'GMT-3' })).rejects.toThrow(
      /Did you mean America\/Sao_Paulo/,
    );
  });

  it.each([
    ['truncated', '{"format":"aislecast-store-directory","version":1,"stores":[{"exter'],
    ['garbage', '\u0000\u0001garbage'],
    [
      'a newer version',
      '{"format":"aislecast-store-directory","version":9,"stores":[],"groups":[]}',
    ],
  ])('a %s file is kept aside and reported, never silently emptied', async (_what, text) => {
    await mkdir(join(dir, 'stores'), { recursive: true });
    await writeFile(directoryFilePath(dir), text);
    const directory = open();
    await directory.load();
    expect(directory.list()).toEqual([]);
    const [notice] = damaged.list();
    expect(notice?.what).toMatch(/store directory could not be read/);
    const kept = await readdir(join(dir, 'stores'));
    expect(kept).toEqual([expect.stringMatching(/^directory\.json\.damaged-/)]);
    expect(await readFile(join(dir, 'stores', kept[0]!), 'utf8')).toBe(text);
  });

  it('migrates an older file through its steps, and refuses one with no step', () => {
    const old = { format: 'aislecast-store-directory', version: 0, savedAt: 'x', shops: [] };
    expect(upgradeDirectoryFile(old)).toMatchObject({ state: 'damaged' });
    const read = upgradeDirectoryFile(old, {
      0: ({ shops, ...rest }) => ({ ...rest, version: 1, stores: shops, groups: [] }),
    });
    expect(read).toMatchObject({ state: 'read', migratedFrom: 0, file: { stores: [] } });
  });

  it('a failed write changes nothing, on disk or in memory', async () => {
    const directory = open();
    await directory.add(input('a'));
    // A folder where the file goes: the atomic rename fails whoever runs the test.
    await rm(directoryFilePath(dir));
    await mkdir(join(directoryFilePath(dir), 'blocker'), { recursive: true });
    await expect(directory.add(input('b'))).rejects.toMatchObject({
      shape: { code: 'directory_not_saved' },
    });
    await rm(directoryFilePath(dir), { recursive: true });
    expect(directory.list().map((s) => s.externalId)).toEqual(['a']);
    await directory.add(input('c'));
    expect(directory.list().map((s) => s.externalId)).toEqual(['a', 'c']);
  });
});
