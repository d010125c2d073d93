/**
 * CSV text to a header and rows, with papaparse doing the quoting, escaped quotes, line breaks
 * inside quoted fields and Windows line ends. The delimiter is decided from the header row
 * (`;` from spreadsheets in Portuguese, `,` elsewhere, tab from copy-paste), where it cannot be
 * fooled by commas inside a store's notes.
 */
import Papa from 'papaparse';
import { maxImportRows } from '../../../../src-preload/contract/schemas/stores.ts';

export type Delimiter = ',' | ';' | '\t';

export interface CsvRow {
  /** The file line the row starts on (the header is line 1 when it is the first line). */
  line: number;
  cells: string[];
}

export type ParsedCsv =
  | { ok: true; delimiter: Delimiter; headers: string[]; rows: CsvRow[] }
  | { ok: false; reason: 'no_header' | 'too_many_rows' | 'unreadable'; message: string };

/** Counts each candidate outside quotes on the first non-blank line; the most frequent wins. */
export function detectDelimiter(text: string): Delimiter {
  const line = /^[^\S\r\n]*(\S.*)$/m.exec(text)?.[1] ?? '';
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  const ranked = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a]);
  return counts[ranked[0]!] > 0 ? ranked[0]! : ',';
}

export function parseCsv(text: string): ParsedCsv {
  const delimiter = detectDelimiter(text);
  const rows: CsvRow[] = [];
  let headers: string[] | undefined;
  let line = 1;
  let scanned = 0;
  let tooMany = false;
  let broken: string | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    step(result, parser) {
      // papaparse reports where each row ends; the row begins after the line breaks before it.
      let start = scanned;
      while (start < text.length && (text[start] === '\r' || text[start] === '\n')) {
        if (text[start] === '\n') line++;
        start++;
      }
      const rowLine = line;
      const end = Math.min(result.meta.cursor, text.length);
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      scanned = end;
      const cells = result.data;
      if (cells.every((cell) => !cell.trim())) return; // blank line
      if (result.errors.some((error) => error.type === 'Quotes')) {
        broken ??= `line ${rowLine}: a quoted field is never closed`;
      }
      if (!headers) {
        headers = cells.map((cell) => cell.trim());
        return;
      }
      if (rows.length >= maxImportRows) {
        tooMany = true;
        parser.abort();
        return;
      }
      rows.push({ line: rowLine, cells });
    },
  });
  if (tooMany) {
    return {
      ok: false,
      reason: 'too_many_rows',
      message: `The file has more than ${maxImportRows.toLocaleString('en-US')} rows; split it into smaller files.`,
    };
  }
  if (!headers) {
    return { ok: false, reason: 'no_header', message: 'The file has no header row.' };
  }
  if (broken && rows.length === 0) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `The file cannot be read as CSV (${broken}).`,
    };
  }
  return { ok: true, delimiter, headers, rows };
}
