/**
 * CSV imports, from bytes to a confirmed write. The renderer sends the chosen file in chunks
 * (as uploads do: the browser host has no paths, and a bounded chunk never stalls IPC); the
 * size is refused up front, so a 50 MB file never crosses the bridge. Parsing and checking run
 * here in batches that yield to the event loop and report progress; nothing is written until
 * `confirm`, which checks the rows again against the directory as it is then.
 */
import { randomBytes } from 'node:crypto';
import {
  importChunkBytes,
  maxImportBytes,
  type ColumnMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
  type ImportTicket,
  type SkippedRow,
} from '../../../../src-preload/contract/schemas/stores.ts';
import { appError } from '../../core/errors.ts';
import type { StoreDirectory } from '../store-directory.ts';
import { decodeCsv } from './csv-text.ts';
import { parseCsv, type CsvRow, type Delimiter } from './csv-parse.ts';
import { matchColumns } from './columns.ts';
import {
  countRows,
  newPlanContext,
  planRow,
  previewRows,
  rowOutcome,
  type PlannedRow,
} from './import-plan.ts';

export interface StoreImports {
  begin(fileName: string, size: number): ImportTicket;
  chunk(importId: string, offset: number, bytes: Uint8Array): { received: number };
  preview(importId: string, mapping?: ColumnMapping): Promise<ImportPreview>;
  confirm(
    importId: string,
    choices: { existing: 'update' | 'skip'; useSuggestedTimeZones: boolean },
  ): Promise<ImportResult>;
  cancel(importId: string): void;
}

export interface StoreImportsDeps {
  /** The directory imports go into (the demo's while the demo runs). */
  directory: () => StoreDirectory;
  progress: (progress: ImportProgress) => void;
  /** Rows checked between two yields to the event loop. */
  batchRows?: number;
  /** Rows listed in a preview; the counts always cover the whole file. */
  previewLimit?: number;
}

interface ImportSession {
  id: string;
  fileName: string;
  size: number;
  received: number;
  chunks: Uint8Array[];
  parsed?: {
    encoding: 'utf-8' | 'windows-1252';
    delimiter: Delimiter;
    headers: string[];
    rows: CsvRow[];
  };
  mapping?: ColumnMapping;
  /** The last check, reused by `confirm` while the directory and mapping stay the same. */
  planned?: {
    rows: PlannedRow[];
    directory: StoreDirectory;
    revision: number;
    mapping: ColumnMapping;
  };
}

/** A person imports one file at a time; a few open previews are plenty. */
const maxSessions = 3;
const maxSkippedListed = 1000;
const mb = (bytes: number) =>
  `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

const fileError = (code: string, message: string, action: string) =>
  appError(code, message, { action });

export function createStoreImports(deps: StoreImportsDeps): StoreImports {
  const sessions = new Map<string, ImportSession>();
  const batch = deps.batchRows ?? 1000;
  const previewLimit = deps.previewLimit ?? 2000;
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

  const find = (id: string) => {
    const session = sessions.get(id);
    if (!session) {
      throw fileError('import_unknown', 'That import is no longer open.', 'Choose the file again.');
    }
    return session;
  };

  const parsed = async (session: ImportSession) => {
    if (session.parsed) return session.parsed;
    if (session.received < session.size) {
      throw fileError(
        'import_incomplete',
        'The file did not arrive completely.',
        'Choose the file again.',
      );
    }
    deps.progress({ importId: session.id, phase: 'reading', done: 0, total: session.size });
    await pause();
    const bytes = Buffer.concat(session.chunks);
    session.chunks = [];
    const text = decodeCsv(bytes);
    if (!text.ok) throw fileError(`import_${text.reason}`, text.message, 'Choose another file.');
    const csv = await parseCsv(text.text, (done, total) =>
      deps.progress({ importId: session.id, phase: 'reading', done, total }),
    );
    if (!csv.ok)
      throw fileError(`import_${csv.reason}`, csv.message, 'Correct the file and choose it again.');
    deps.progress({
      importId: session.id,
      phase: 'reading',
      done: session.size,
      total: session.size,
    });
    session.parsed = { encoding: text.encoding, ...csv };
    return session.parsed;
  };

  const plan = async (session: ImportSession, mapping: ColumnMapping): Promise<PlannedRow[]> => {
    const { rows } = session.parsed!;
    const directory = deps.directory();
    const revision = directory.revision();
    const last = session.planned;
    if (last?.directory === directory && last.revision === revision && last.mapping === mapping) {
      return last.rows;
    }
    const context = newPlanContext(mapping, (id) => directory.get(id));
    const planned: PlannedRow[] = [];
    for (let start = 0; start < rows.length; start += batch) {
      for (const row of rows.slice(start, start + batch)) planned.push(planRow(row, context));
      deps.progress({
        importId: session.id,
        phase: 'checking',
        done: planned.length,
        total: rows.length,
      });
      if (start + batch < rows.length) await pause();
    }
    session.planned = { rows: planned, directory, revision, mapping };
    return planned;
  };

  return {
    begin(fileName, size) {
      if (size === 0) {
        throw fileError(
          'import_empty',
          `${fileName} is empty: it holds no rows.`,
          'Choose another file.',
        );
      }
      if (size > maxImportBytes) {
        throw fileError(
          'import_too_large',
          `${fileName} is ${mb(size)}; a store list is at most ${mb(maxImportBytes)} (10,000 stores take about 1 MB).`,
          'Check that this is the store list, or split it into smaller files.',
        );
      }
      while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value!);
      const id = `imp_${randomBytes(8).toString('hex')}`;
      sessions.set(id, { id, fileName, size, received: 0, chunks: [] });
      return { importId: id, chunkBytes: importChunkBytes };
    },
    chunk(importId, offset, bytes) {
      const session = find(importId);
      if (offset !== session.received || session.received + bytes.byteLength > session.size) {
        throw fileError(
          'import_out_of_order',
          'The file arrived out of order.',
          'Choose the file again.',
        );
      }
      session.chunks.push(bytes.slice());
      session.received += bytes.byteLength;
      return { received: session.received };
    },
    async preview(importId, mapping) {
      const session = find(importId);
      const csv = await parsed(session);
      const chosen = mapping ?? session.mapping ?? matchColumns(csv.headers);
      for (const column of Object.values(chosen)) {
        if (column >= csv.headers.length) {
          throw fileError(
            'import_bad_mapping',
            'A mapped column is not in the file.',
            'Choose the columns again.',
          );
        }
      }
      session.mapping = chosen;
      const rows = chosen.externalId === undefined ? [] : await plan(session, chosen);
      const counts = countRows(rows);
      const shown = previewRows(rows, previewLimit);
      return {
        importId,
        fileName: session.fileName,
        encoding: csv.encoding,
        delimiter: csv.delimiter,
        columns: csv.headers,
        mapping: chosen,
        counts: chosen.externalId === undefined ? { ...counts, rows: csv.rows.length } : counts,
        rows: shown.rows,
        rowsLeftOut: shown.leftOut,
        ...fileProblem(csv.rows.length, chosen, counts),
      };
    },
    async confirm(importId, choices) {
      const session = find(importId);
      await parsed(session);
      const mapping = session.mapping;
      if (mapping?.externalId === undefined) {
        throw fileError(
          'import_no_id_column',
          'No column is chosen as the External ID.',
          'Choose the External ID column, then import.',
        );
      }
      // Checked again if the directory changed since the preview (else the preview's check stands).
      const rows = await plan(session, mapping);
      const directory = deps.directory();
      const existing = (id: string) => directory.get(id);
      const writes = [];
      const skippedRows: SkippedRow[] = [];
      const result = { imported: 0, updated: 0, unchanged: 0, skipped: 0 };
      for (const row of rows) {
        const outcome = rowOutcome(row, choices, existing);
        if (outcome === 'unchanged') result.unchanged++;
        else if ('skip' in outcome) {
          result.skipped++;
          if (skippedRows.length < maxSkippedListed) {
            skippedRows.push({ line: row.line, externalId: row.externalId, reason: outcome.skip });
          }
        } else {
          writes.push(outcome.write);
          result[outcome.as]++;
        }
      }
      deps.progress({ importId, phase: 'saving', done: 0, total: writes.length });
      if (writes.length) await directory.upsert(writes);
      deps.progress({ importId, phase: 'saving', done: writes.length, total: writes.length });
      sessions.delete(importId);
      return { ...result, skippedRows, revision: directory.revision() };
    },
    cancel(importId) {
      sessions.delete(importId);
    },
  };
}

function fileProblem(
  rowCount: number,
  mapping: ColumnMapping,
  counts: ReturnType<typeof countRows>,
): Pick<ImportPreview, 'fileProblem'> {
  if (rowCount === 0) {
    return {
      fileProblem: {
        code: 'no_rows',
        message: 'The file has a header row but no stores below it.',
      },
    };
  }
  if (mapping.externalId === undefined) {
    return {
      fileProblem: {
        code: 'no_id_column',
        message: 'No column was recognised as the External ID. Choose it below.',
      },
    };
  }
  if (counts.invalid === counts.rows && counts.fixableByTimeZone === 0) {
    return {
      fileProblem: {
        code: 'all_rows_bad',
        message: `None of the ${counts.rows.toLocaleString('en-US')} rows can be imported; each has a problem listed below. Check the column mapping.`,
      },
    };
  }
  return {};
}
