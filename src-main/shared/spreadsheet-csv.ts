/**
 * CSV the way spreadsheets read it everywhere — CRLF line ends, a BOM so Excel reads UTF-8 —
 * with formula injection defused: a cell that starts like a formula (`=`, `+`, `-`, `@`, tab,
 * CR) is written with a leading `'`, which spreadsheets show as text. papaparse's default
 * pattern for `escapeFormulae: true` needs the whole cell on one line, so `=1\n+2` would slip
 * through; ours looks at the first character only.
 * `readSpreadsheetCell` undoes the quote, so an exported file imports back unchanged.
 */
import Papa from 'papaparse';

const formulaStart = /^[=+\-@\t\r]/;

export function toSpreadsheetCsv(header: readonly string[], rows: readonly string[][]): string {
  return (
    '\ufeff' +
    Papa.unparse([[...header], ...rows], {
      delimiter: ',',
      newline: '\r\n',
      escapeFormulae: formulaStart,
    })
  );
}

/** A cell as the user meant it: without the `'` an export put before a formula-like start. */
export function readSpreadsheetCell(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}
