/**
 * CSV text to a header and rows, with papaparse doing the quoting, escaped quotes, line breaks
 * inside quoted fields and Windows line ends. The delimiter is decided from the header row
 * (`;` from spreadsheets in Portuguese, `,` elsewhere, tab from copy-paste), where it cannot be
 * fooled by commas inside a store's notes.
 */
import Papa from 'papaparse';
import { maxImportRows } from '../../../../src-preload/contract/schemas/stores.ts';
import { readSpreadsheetCell } from '../../../shared/spreadsheet-csv.ts';

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

/** Text parsed between two yields to the event loop. */
const chunkChars = 256 * 1024;

const newlinesIn = (cells: readonly string[]) => {
  let count = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
  }
  return count;
};

/**
 * Parses in slices, yielding between them so a large file never stalls main (and with it the
 * window's calls); `progress` hears how many characters are done. Every row counts as one line
 * plus the line breaks inside its quoted fields, which gives each row its line in the file.
 */
export function parseCsv(
  text: string,
  progress?: (doneChars: number, totalChars: number) => void,
): Promise<ParsedCsv> {
  const delimiter = detectDelimiter(text);
  const rows: CsvRow[] = [];
  let headers: string[] | undefined;
  let line = 1;
  let tooMany = false;
  let broken: string | undefined;
  return new Promise((resolve) => {
    Papa.parse<string[]>(text, {
      delimiter,
      chunkSize: chunkChars,
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        for (const cells of result.data) {
          const rowLine = line;
          line += 1 + newlinesIn(cells);
          if (cells.every((cell) => !cell.trim())) continue; // blank line
          if (!headers) {
            headers = cells.map((cell) => cell.trim());
            continue;
          }
          if (rows.length >= maxImportRows) {
            tooMany = true;
            parser.abort();
            return;
          }
          rows.push({ line: rowLine, cells: cells.map(readSpreadsheetCell) });
        }
        const quotes = result.errors.find((error) => error.type === 'Quotes');
        if (quotes) broken ??= 'a quoted field is never closed';
        progress?.(Math.min(result.meta.cursor, text.length), text.length);
        parser.pause();
        setImmediate(() => parser.resume());
      },
      complete() {
        resolve(finish());
      },
    });
  });

  function finish(): ParsedCsv {
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
}
