import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryFilePath } from '../../../src-main/services/stores/directory-file.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type {
  ImportPreview,
  ImportProgress,
} from '../../../src-preload/contract/schemas/stores.ts';
import { createTestServices, type TestServices } from '../../support/services.ts';

const ctx = { origin: 'app://aislecast' };

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

describe('importing stores from CSV through the router', () => {
  let test: TestServices;
  beforeEach(async () => {
    test = await createTestServices();
    await test.services.ready;
  });
  afterEach(async () => {
    await test.cleanup();
  });

  const router = () => test.services.router;

  /** Sends a file the way the renderer does: begin, then chunks in order. */
  async function upload(fileName: string, bytes: Uint8Array): Promise<string> {
    const ticket = value(
      await router()['stores.importBegin']({ fileName, size: bytes.byteLength }, ctx),
    );
    for (let offset = 0; offset < bytes.byteLength; offset += ticket.chunkBytes) {
      const chunk = bytes.subarray(offset, offset + ticket.chunkBytes);
      value(
        await router()['stores.importChunk'](
          { importId: ticket.importId, offset, bytes: chunk },
          ctx,
        ),
      );
    }
    return ticket.importId;
  }
  const preview = async (text: string | Uint8Array, mapping?: ImportPreview['mapping']) => {
    const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
    const importId = await upload('stores.csv', bytes);
    return router()['stores.importPreview']({ importId, ...(mapping ? { mapping } : {}) }, ctx);
  };

  it('previews, lets the mapping be fixed, writes only on confirm, and reports what happened', async () => {
    value(
      await router()['stores.add'](
        {
          store: {
            externalId: 'BR-001',
            name: 'Old name',
            region: 'SP',
            tags: [],
            timeZone: 'America/Sao_Paulo',
            testStore: false,
          },
        },
        ctx,
      ),
    );
    const csv = [
      '\ufeffloja;nome;estado;fuso;observação',
      'BR-001;Loja Paulista;SP;America/Sao_Paulo;',
      'BR-002;Loja Centro;RJ;Brasilia;"Entrada pela ""rua B"""',
      'BR 003;Loja Sul;RS;America/Sao_Paulo;',
      'BR-002;Loja Centro de novo;RJ;America/Sao_Paulo;',
      'PT-001;Loja Lisboa;Lisboa;Europe/Lisbon;',
    ].join('\r\n');
    const changes: unknown[] = [];
    test.services.events.listen((name, payload) => {
      if (name === 'stores.changed') changes.push(payload);
    });
    const first = value(await preview(csv));
    // `estado` is a region and `observação` is not a known name: the user maps notes by hand.
    expect(first.mapping).toEqual({ externalId: 0, name: 1, region: 2, timeZone: 3 });
    expect(first.delimiter).toBe(';');
    const fixed = value(
      await router()['stores.importPreview'](
        { importId: first.importId, mapping: { ...first.mapping, notes: 4 } },
        ctx,
      ),
    );
    expect(fixed.counts).toEqual({
      rows: 5,
      new: 1,
      update: 1,
      unchanged: 0,
      invalid: 3,
      fixableByTimeZone: 1,
    });
    expect(fixed.rows.slice(0, 3).map((r) => [r.line, r.problems.map((p) => p.code)])).toEqual([
      [3, ['time_zone_unknown']],
      [4, ['id_malformed']],
      [5, ['id_duplicate']],
    ]);
    await expect(access(directoryFilePath(test.dir))).resolves.toBeUndefined(); // from add()
    expect(test.services.stores.saved.list()).toHaveLength(1);

    const result = value(
      await router()['stores.importConfirm'](
        { importId: first.importId, existing: 'update', useSuggestedTimeZones: true },
        ctx,
      ),
    );
    expect(result).toMatchObject({ imported: 2, updated: 1, unchanged: 0, skipped: 2 });
    expect(result.skippedRows.map((r) => r.line)).toEqual([4, 5]);
    const stores = test.services.stores.lookup;
    expect(stores.get('BR-002')).toMatchObject({
      timeZone: 'America/Sao_Paulo',
      notes: 'Entrada pela "rua B"',
    });
    expect(stores.get('BR-001')?.name).toBe('Loja Paulista');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ summary: { stores: 3 } });
  });

  it('exports a directory that imports back unchanged', async () => {
    const csv =
      'External ID,Name,Region,Tags,Time zone,Mon,Sun,Notes,Test store\n' +
      's1,"Shop, ""One""",North,"a, b",Europe/Lisbon,8h-20h,closed,"line1\nline2",yes\n' +
      's2,  Two  ,,,America/New_York,,,,no\n';
    const importId = value(await preview(csv)).importId;
    value(
      await router()['stores.importConfirm'](
        { importId, existing: 'update', useSuggestedTimeZones: false },
        ctx,
      ),
    );
    const exported = value(await router()['stores.export'](undefined, ctx));
    expect(exported.count).toBe(2);
    const again = value(await preview(exported.csv));
    expect(again.counts).toMatchObject({ rows: 2, unchanged: 2, new: 0, update: 0, invalid: 0 });
    const selection = value(await router()['stores.export']({ externalIds: ['s2'] }, ctx));
    expect(selection.count).toBe(1);
    expect(value(await router()['stores.export'](undefined, ctx)).csv).toBe(exported.csv);
  });

  it('quotes formula-like cells as text on export, and reads them back as typed', async () => {
    const csv =
      'External ID,Name,Region,Tags,Time zone,Notes,Test store\n' +
      's1,=HYPERLINK("http://x"),-North,+1,Europe/Lisbon,@cmd,no\n';
    const importId = value(await preview(csv)).importId;
    value(
      await router()['stores.importConfirm'](
        { importId, existing: 'update', useSuggestedTimeZones: false },
        ctx,
      ),
    );
    const exported = value(await router()['stores.export'](undefined, ctx));
    expect(exported.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(exported.csv).toContain("'-North");
    expect(exported.csv).toContain("'@cmd");
    const again = value(await preview(exported.csv));
    expect(again.counts).toMatchObject({ rows: 1, unchanged: 1, new: 0, update: 0, invalid: 0 });
    expect(test.services.stores.lookup.get('s1')).toMatchObject({
      name: '=HYPERLINK("http://x")',
      region: '-North',
    });
  });

  it('refuses a 50 MB file before a byte is sent, and an empty one', async () => {
    const big = await router()['stores.importBegin'](
      { fileName: 'big.csv', size: 50 * 1024 * 1024 },
      ctx,
    );
    expect(big).toMatchObject({
      ok: false,
      error: {
        code: 'import_too_large',
        message: expect.stringMatching(/big\.csv is 50 MB/) as unknown,
      },
    });
    const empty = await router()['stores.importBegin']({ fileName: 'e.csv', size: 0 }, ctx);
    expect(empty).toMatchObject({ ok: false, error: { code: 'import_empty' } });
  });

  it('says an MP3 is not a CSV, and a header-only file has no stores', async () => {
    const mp3 = Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb]);
    expect(await preview(mp3)).toMatchObject({ ok: false, error: { code: 'import_audio' } });
    const headerOnly = value(await preview('external_id,name,time_zone\r\n'));
    expect(headerOnly.fileProblem).toMatchObject({ code: 'no_rows' });
    const noId = value(await preview('foo,bar\n1,2\n'));
    expect(noId.fileProblem).toMatchObject({ code: 'no_id_column' });
    expect(noId.counts.rows).toBe(1);
  });

  it('every row bad: each row says why, and the file says none can be imported', async () => {
    const result = value(
      await preview('id,time_zone\n,UTC\na b,UTC\n"line\r\nbreak",UTC\nc,Nowhere\n'),
    );
    expect(result.fileProblem).toMatchObject({ code: 'all_rows_bad' });
    expect(result.rows.map((r) => [r.line, r.problems[0]?.message])).toEqual([
      [2, 'The External ID is empty.'],
      [3, 'The External ID “a b” has a space inside; Musique IDs have none.'],
      [4, 'The External ID “line break” has a line break inside; Musique IDs have none.'],
      [6, '“Nowhere” is not a time zone name; use one like America/Sao_Paulo.'],
    ]);
  });

  it('10,000 copies of one row: one imports, the rest point at the first, with progress', async () => {
    const progress: ImportProgress[] = [];
    test.services.events.listen((name, payload) => {
      if (name === 'stores.importProgress') progress.push(payload as ImportProgress);
    });
    const csv = 'id,time_zone\n' + 'same,UTC\n'.repeat(10_000);
    const result = value(await preview(csv));
    expect(result.counts).toMatchObject({ rows: 10_000, new: 1, invalid: 9_999 });
    expect(result.rows[0]?.problems[0]?.message).toBe(
      'External ID same already appears on line 2 of this file.',
    );
    expect(result.rows.length + result.rowsLeftOut).toBe(10_000);
    const checking = progress.filter((p) => p.phase === 'checking').map((p) => p.done);
    expect(checking).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
  });
});
