/**
 * The directory as CSV, in exactly the shape the import reads back: the same header names, one
 * column per weekday, tags joined with commas, `yes`/`no` for test stores. Importing an export
 * changes nothing (every row comes back `unchanged`).
 */
import {
  importFields,
  type ImportField,
  type StoreRecord,
} from '../../../src-preload/contract/schemas/stores.ts';
import { toSpreadsheetCsv } from '../../shared/spreadsheet-csv.ts';
import { exportHeaders } from './import/columns.ts';

function cell(store: StoreRecord, field: ImportField): string {
  switch (field) {
    case 'externalId':
      return store.externalId;
    case 'name':
      return store.name;
    case 'region':
      return store.region;
    case 'tags':
      return store.tags.join(', ');
    case 'timeZone':
      return store.timeZone;
    case 'notes':
      return store.notes ?? '';
    case 'testStore':
      return store.testStore ? 'yes' : 'no';
    default:
      return store.openingHours?.[field] ?? '';
  }
}

export function storesToCsv(stores: readonly StoreRecord[]): string {
  const header = importFields.map((field) => exportHeaders[field]);
  const rows = stores.map((store) => importFields.map((field) => cell(store, field)));
  return toSpreadsheetCsv(header, rows);
}
