/**
 * The store directory (`stores.*` calls): the record, groups, CSV import and export. No Node
 * imports: the renderer shares this file and `store-rules.ts`.
 */
import { z } from 'zod';
import { maxChunkBytes } from './musique.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** `08:00-22:00`, or `closed`; a day that is absent is simply not known. */
export type OpeningHours = Partial<Record<Weekday, string>>;

/** One store device as Musique addresses it, and what the app knows about where it is. */
export interface StoreRecord {
  /** As Musique knows it: trimmed, case kept, unique in the directory. */
  externalId: string;
  name: string;
  /** Empty when not known. */
  region: string;
  tags: string[];
  /** IANA name (`America/Sao_Paulo`), for scheduling in store-local time. */
  timeZone: string;
  openingHours?: OpeningHours;
  notes?: string;
  /** A store a test send may go to. */
  testStore: boolean;
}

export const maxExternalIdLength = 200;
export const maxNameLength = 200;
export const maxNotesLength = 2000;
export const maxTags = 20;

const Text = (max: number) => z.string().max(max);

/** What the edit form and `stores.add` send; main checks every field with `store-rules.ts`. */
export const StoreInput = z.strictObject({
  externalId: Text(maxExternalIdLength + 50),
  name: Text(maxNameLength + 50),
  region: Text(200),
  tags: z.array(Text(100)).max(100),
  timeZone: Text(100),
  openingHours: z.partialRecord(z.enum(weekdays), Text(40)).optional(),
  notes: Text(maxNotesLength + 50).optional(),
  testStore: z.boolean(),
});
export type StoreInput = z.infer<typeof StoreInput>;

export const StoreAddArgs = z.strictObject({ store: StoreInput });
/** `externalId` names the store to change; `store.externalId` may rename it. */
export const StoreEditArgs = z.strictObject({ externalId: Text(300), store: StoreInput });

const IdList = z.array(Text(300)).min(1).max(100_000);
export const StoreIdsArgs = z.strictObject({ externalIds: IdList });

export const StoreBulkEditArgs = z.strictObject({
  externalIds: IdList,
  addTags: z.array(Text(100)).max(maxTags).optional(),
  removeTags: z.array(Text(100)).max(100).optional(),
  region: Text(200).optional(),
  timeZone: Text(100).optional(),
  testStore: z.boolean().optional(),
});

// ---------------------------------------------------------------------------------------------
// Groups

/** Every non-empty list must match (a store is in region A or B, and has tag X or Y, …). */
export interface GroupRule {
  regions: string[];
  tags: string[];
  timeZones: string[];
}

export type StoreGroupInput =
  | { kind: 'rule'; name: string; rule: GroupRule; exclusions: string[] }
  | { kind: 'picked'; name: string; members: string[] };

export type StoreGroup = StoreGroupInput & { id: string };

/** A group as the renderer sees it: with its members counted against today's directory. */
export type StoreGroupView = StoreGroup & { memberCount: number };

const Names = z.array(Text(200)).max(500);
export const StoreGroupInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('rule'),
    name: z.string().trim().min(1).max(100),
    rule: z.strictObject({ regions: Names, tags: Names, timeZones: Names }),
    exclusions: z.array(Text(300)).max(100_000),
  }),
  z.strictObject({
    kind: z.literal('picked'),
    name: z.string().trim().min(1).max(100),
    members: z.array(Text(300)).max(100_000),
  }),
]);
const GroupId = z.string().regex(/^grp_[a-f0-9]{12}$/);
export const StoreGroupSaveArgs = z.strictObject({
  id: GroupId.optional(),
  group: StoreGroupInputSchema,
});
export const StoreGroupIdArgs = z.strictObject({ id: GroupId });

// ---------------------------------------------------------------------------------------------
// The directory as the renderer sees it

export interface DirectorySummary {
  stores: number;
  regions: number;
  timeZones: number;
  testStores: number;
}

export interface DirectorySnapshot {
  /** Grows with every change; the renderer drops answers older than what it shows. */
  revision: number;
  /** The demo's directory (seeded from the sandbox, in memory) rather than the saved one. */
  demo: boolean;
  stores: StoreRecord[];
  groups: StoreGroupView[];
  summary: DirectorySummary;
}

export interface DirectoryChanged {
  revision: number;
  summary: DirectorySummary;
}

// ---------------------------------------------------------------------------------------------
// CSV import

/** The fields a CSV column can fill; the seven weekdays carry opening hours. */
export const importFields = [
  'externalId',
  'name',
  'region',
  'tags',
  'timeZone',
  ...weekdays,
  'notes',
  'testStore',
] as const;
export type ImportField = (typeof importFields)[number];

/** Field → column index in the file; a field that is absent is not imported. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** A store list over this size is not a store list (10,000 stores are about 1 MB). */
export const maxImportBytes = 16 * 1024 * 1024;
export const maxImportRows = 100_000;
export const importChunkBytes = maxChunkBytes;

const ImportId = z.string().regex(/^imp_[a-f0-9]{16}$/);

export const ImportBeginArgs = z.strictObject({
  fileName: z.string().min(1).max(255),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export interface ImportTicket {
  importId: string;
  chunkBytes: number;
}

export const ImportChunkArgs = z.strictObject({
  importId: ImportId,
  offset: z.number().int().min(0).max(maxImportBytes),
  bytes: z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'bytes expected' })
    .refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= importChunkBytes, {
      message: `a chunk holds 1 to ${importChunkBytes} bytes`,
    }),
});

const ColumnIndex = z.number().int().min(0).max(500);
export const ImportPreviewArgs = z.strictObject({
  importId: ImportId,
  /** Omitted: the columns matched from the header row. */
  mapping: z.partialRecord(z.enum(importFields), ColumnIndex).optional(),
});

export const ImportConfirmArgs = z.strictObject({
  importId: ImportId,
  /** What to do with rows whose External ID is already in the directory. */
  existing: z.enum(['update', 'skip']),
  /** Take the suggested IANA name for rows whose only problem is an unknown time zone. */
  useSuggestedTimeZones: z.boolean(),
});
export const ImportIdArgs = z.strictObject({ importId: ImportId });

export type RowProblemCode =
  | 'id_missing'
  | 'id_malformed'
  | 'id_duplicate'
  | 'name_too_long'
  | 'time_zone_missing'
  | 'time_zone_unknown'
  | 'hours_invalid'
  | 'tags_invalid'
  | 'test_flag_invalid'
  | 'notes_too_long';

export interface RowProblem {
  field: ImportField;
  code: RowProblemCode;
  message: string;
  /** For `time_zone_unknown`: the closest IANA name. */
  suggestion?: string;
}

/** `new`, or already in the directory (`update`), the same as it is (`unchanged`), or bad. */
export type RowStatus = 'new' | 'update' | 'unchanged' | 'invalid';

export interface ImportRowView {
  /** Line in the file (1 is the header row), for "see line 14". */
  line: number;
  externalId: string;
  name: string;
  status: RowStatus;
  problems: RowProblem[];
}

export interface ImportCounts {
  rows: number;
  new: number;
  update: number;
  unchanged: number;
  invalid: number;
  /** Invalid rows that only need the suggested time zone. */
  fixableByTimeZone: number;
}

export interface ImportPreview {
  importId: string;
  fileName: string;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  /** The header row as found (the names mapping refers to by index). */
  columns: string[];
  mapping: ColumnMapping;
  counts: ImportCounts;
  /** Problem rows first, then the first good ones; capped (see `rowsLeftOut`). */
  rows: ImportRowView[];
  rowsLeftOut: number;
  /** A problem with the file as a whole (shown above the rows). */
  fileProblem?: { code: 'no_rows' | 'no_id_column' | 'all_rows_bad'; message: string };
}

export interface ImportProgress {
  importId: string;
  phase: 'reading' | 'checking' | 'saving';
  done: number;
  total: number;
}

export interface SkippedRow {
  line: number;
  externalId: string;
  reason: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Why each row was skipped (capped at 1,000; `skipped` has the full count). */
  skippedRows: SkippedRow[];
  revision: number;
}

export const StoreExportArgs = z.strictObject({ externalIds: IdList.optional() }).optional();
export interface StoreExport {
  fileName: string;
  csv: string;
  count: number;
}
