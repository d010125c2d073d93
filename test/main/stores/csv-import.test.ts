import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../../src-main/services/stores/import/csv-text.ts';
import { detectDelimiter, parseCsv } from '../../../src-main/services/stores/import/csv-parse.ts';
import { matchColumns } from '../../../src-main/services/stores/import/columns.ts';
import {
  countRows,
  newPlanContext,
  planRow,
  rowOutcome,
} from '../../../src-main/services/stores/import/import-plan.ts';
import type { StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('CSV text', () => {
  it('reads UTF-8 with or without a BOM, and Windows-1252 from older spreadsheets', () => {
    expect(decodeCsv(utf8('\ufeffloja;região\r\n'))).toEqual({
      ok: true,
      text: 'loja;região\r\n',
      encoding: 'utf-8',
    });
    expect(decodeCsv(utf8('id\n'))).toMatchObject({ ok: true, encoding: 'utf-8' });
    // "região" in Windows-1252: ã is a single 0xE3 byte.
    const latin = Uint8Array.from([...utf8('loja;regi'), 0xe3, ...utf8('o\r\n')]);
    expect(decodeCsv(latin)).toEqual({
      ok: true,
      text: 'loja;região\r\n',
      encoding: 'windows-1252',
    });
  });

  it('says what a file is when it is not CSV', () => {
    expect(decodeCsv(new Uint8Array())).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeCsv(utf8(' \r\n\r\n'))).toMatchObject({ ok: false, reason: 'empty' });
    expect(decodeCsv(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0]))).toMatchObject({
      ok: false,
      reason: 'audio',
      message: expect.stringMatching(/audio file, not a CSV/) as unknown,
    });
    expect(decodeCsv(Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 0, 0]))).toMatchObject({
      reason: 'audio',
    });
    expect(decodeCsv(Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0]))).toMatchObject({
      reason: 'spreadsheet',
    });
    const binary = Uint8Array.from({ length: 2000 }, (_, i) => (i * 37) % 256);
    expect(decodeCsv(binary)).toMatchObject({ ok: false, reason: 'binary' });
  });
});

describe('CSV parsing', () => {
  it('detects the delimiter from the header row, not from commas in the data', () => {
    expect(detectDelimiter('loja;nome;fuso\n"1,2";b;c')).toBe(';');
    expect(detectDelimiter('\n\nexternal_id,name\n')).toBe(',');
    expect(detectDelimiter('id\tname')).toBe('\t');
    expect(detectDelimiter('"a;b",c')).toBe(',');
  });

  it('handles quotes, line breaks inside fields and CRLF, and numbers rows by file line', async () => {
    const text = 'id;name;notes\r\ns1;"Loja ""Centro""";"two\r\nlines"\r\n\r\ns2;B;x\r\n';
    const parsed = await parseCsv(text);
    expect(parsed).toEqual({
      ok: true,
      delimiter: ';',
      headers: ['id', 'name', 'notes'],
      rows: [
        { line: 2, cells: ['s1', 'Loja "Centro"', 'two\r\nlines'] },
        { line: 5, cells: ['s2', 'B', 'x'] },
      ],
    });
  });

  it('keeps rows and line numbers whole across the slices a large file is parsed in', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      i % 1000 === 7 ? `id${i},"multi\nline ${i}"` : `id${i},note ${i}`,
    );
    const progress: number[] = [];
    const parsed = await parseCsv(`id,notes\n${rows.join('\n')}\n`, (done) => progress.push(done));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.rows).toHaveLength(30_000);
    expect(progress.length).toBeGreaterThan(1);
    // Each multi-line row pushes the lines after it down by one.
    const at = (i: number) => parsed.rows[i]!;
    expect(at(0)).toEqual({ line: 2, cells: ['id0', 'note 0'] });
    expect(at(7)).toEqual({ line: 9, cells: ['id7', 'multi\nline 7'] });
    expect(at(8).line).toBe(11);
    expect(at(29_999)).toEqual({ line: 30_031, cells: ['id29999', 'note 29999'] });
  });

  it('matches headers leniently in English and Portuguese', () => {
    expect(matchColumns(['External ID', 'Nome', 'Região', 'Fuso horário', 'Etiquetas'])).toEqual({
      externalId: 0,
      name: 1,
      region: 2,
      timeZone: 3,
      tags: 4,
    });
    expect(matchColumns(['externalId', 'time_zone', 'seg', 'dom', 'Loja teste'])).toEqual({
      externalId: 0,
      timeZone: 1,
      mon: 2,
      sun: 3,
      testStore: 4,
    });
    expect(matchColumns(['loja', 'nome', 'fuso'])).toEqual({ externalId: 0, name: 1, timeZone: 2 });
    expect(matchColumns(['foo', 'bar'])).toEqual({});
  });
});

describe('import plan', () => {
  const existing: StoreRecord = {
    externalId: 'old',
    name: 'Old',
    region: '',
    tags: [],
    timeZone: 'Europe/Lisbon',
    testStore: false,
  };
  const lookup = (id: string) => (id === 'old' ? existing : undefined);
  const mapping = { externalId: 0, name: 1, timeZone: 2, mon: 3 };
  const plan = (rows: string[][]) => {
    const context = newPlanContext(mapping, lookup);
    return rows.map((cells, i) => planRow({ line: i + 2, cells }, context));
  };

  it('checks each row on its own: good rows stay good among bad ones', () => {
    const rows = plan([
      ['s1', 'A', 'Europe/Lisbon', '08:00-20:00'],
      ['', 'No id', 'Europe/Lisbon', ''],
      ['s 3', 'Space', 'Europe/Lisbon', ''],
      ['s1', 'Again', 'Europe/Lisbon', ''],
      ['old', 'Old renamed', 'Europe/Lisbon', ''],
      ['old2', 'Zone', 'GMT-3', ''],
      ['s4', 'Hours', 'UTC', 'all day'],
      ['old', 'Old', 'Europe/Lisbon', ''],
    ]);
    expect(rows.map((r) => [r.line, r.status, r.problems.map((p) => p.code)])).toEqual([
      [2, 'new', []],
      [3, 'invalid', ['id_missing']],
      [4, 'invalid', ['id_malformed']],
      [5, 'invalid', ['id_duplicate']],
      [6, 'update', []],
      [7, 'invalid', ['time_zone_unknown']],
      [8, 'invalid', ['hours_invalid']],
      [9, 'invalid', ['id_duplicate']],
    ]);
    expect(rows[3]?.problems[0]?.message).toBe(
      'External ID s1 already appears on line 2 of this file.',
    );
    expect(rows[5]?.record?.timeZone).toBe('America/Sao_Paulo');
    expect(countRows(rows)).toEqual({
      rows: 8,
      new: 1,
      update: 1,
      unchanged: 0,
      invalid: 6,
      fixableByTimeZone: 1,
    });
  });

  it('applies the choices made at confirm time', () => {
    const [fresh, update, zone, bad] = plan([
      ['n1', 'A', 'UTC', ''],
      ['old', 'Changed', 'Europe/Lisbon', ''],
      ['n2', 'B', 'Brasilia', ''],
      ['', '', '', ''],
    ]);
    const update1 = { existing: 'update' as const, useSuggestedTimeZones: true };
    const skip = { existing: 'skip' as const, useSuggestedTimeZones: false };
    expect(rowOutcome(fresh!, skip, lookup)).toMatchObject({ as: 'imported' });
    expect(rowOutcome(update!, update1, lookup)).toMatchObject({ as: 'updated' });
    expect(rowOutcome(update!, skip, lookup)).toMatchObject({
      skip: expect.any(String) as unknown,
    });
    expect(rowOutcome(zone!, update1, lookup)).toMatchObject({
      as: 'imported',
      write: { timeZone: 'America/Sao_Paulo' },
    });
    expect(rowOutcome(zone!, skip, lookup)).toMatchObject({
      skip: expect.stringMatching(/Did you mean America\/Sao_Paulo/) as unknown,
    });
    expect(rowOutcome(bad!, update1, lookup)).toEqual({
      skip: 'The External ID is empty. No time zone: a send is scheduled in the store’s local time.',
    });
  });
});
