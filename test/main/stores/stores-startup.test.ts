import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryFilePath } from '../../../src-main/services/stores/directory-file.ts';
import { createTestServices } from '../../support/services.ts';

const ctx = { origin: 'app://aislecast' };

describe('the store directory at start-up', () => {
  it.each([
    [
      'truncated',
      '{"format":"aislecast-store-directory","version":1,"savedAt":"x","stores":[{"ext',
    ],
    ['filled with garbage', 'PK\u0003\u0004garbage\u0000\u0000'],
  ])(
    'a %s file is set aside, the user is told, and the app starts with an empty directory',
    async (_kind, text) => {
      const dir = await mkdtemp(join(tmpdir(), 'aislecast-stores-start-'));
      await mkdir(join(dir, 'stores'), { recursive: true });
      await writeFile(directoryFilePath(dir), text);
      const test = await createTestServices({ userDataDir: dir });
      try {
        await test.services.ready;
        const notices = await test.services.router['app.damagedFiles'](undefined, ctx);
        expect(notices).toMatchObject({
          ok: true,
          value: [
            {
              file: join('stores', 'directory.json'),
              what: expect.stringMatching(/store directory could not be read/) as unknown,
              keptAs: expect.stringMatching(/^stores\/directory\.json\.damaged-/) as unknown,
            },
          ],
        });
        const list = await test.services.router['stores.list'](undefined, ctx);
        expect(list).toMatchObject({ ok: true, value: { stores: [], summary: { stores: 0 } } });
        // Nothing was overwritten: the kept copy is the damaged file, byte for byte.
        const kept = (await readdir(join(dir, 'stores'))).filter((f) => f.includes('damaged'));
        expect(kept).toHaveLength(1);
        expect(await readFile(join(dir, 'stores', kept[0]!), 'utf8')).toBe(text);
      } finally {
        await test.cleanup();
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
