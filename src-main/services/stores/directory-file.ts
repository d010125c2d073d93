/**
 * The store directory on disk: `stores/directory.json` in the user-data folder, one JSON object
 * with a format name and a schema version. Reading never empties the directory silently: a file
 * that is not JSON, has another shape, or comes from a newer version of the app is reported as
 * damaged (moved aside by the caller through `DamagedFiles`), never overwritten in place.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import {
  weekdays,
  type StoreGroup,
  type StoreRecord,
} from '../../../src-preload/contract/schemas/stores.ts';
import { readJsonDataFile } from '../files/read-data-file.ts';

/** Bump when the shape changes, and add the step from the previous version to `migrations`. */
export const directoryFileVersion = 1;

export interface DirectoryFile {
  format: 'aislecast-store-directory';
  version: typeof directoryFileVersion;
  savedAt: string;
  stores: StoreRecord[];
  groups: StoreGroup[];
}

export const directoryFilePath = (dataDir: string): string =>
  join(dataDir, 'stores', 'directory.json');

const StoreRecordSchema = z.object({
  externalId: z.string().min(1),
  name: z.string(),
  region: z.string(),
  tags: z.array(z.string()),
  timeZone: z.string().min(1),
  openingHours: z.partialRecord(z.enum(weekdays), z.string()).optional(),
  notes: z.string().optional(),
  testStore: z.boolean(),
});

const Group = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('rule'),
    name: z.string(),
    rule: z.object({
      regions: z.array(z.string()),
      tags: z.array(z.string()),
      timeZones: z.array(z.string()),
    }),
    exclusions: z.array(z.string()),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('picked'),
    name: z.string(),
    members: z.array(z.string()),
  }),
]);

const FileSchema = z.object({
  format: z.literal('aislecast-store-directory'),
  version: z.literal(directoryFileVersion),
  savedAt: z.string(),
  stores: z.array(StoreRecordSchema),
  groups: z.array(Group),
});

/** One step: a file of version `n` in, a file of version `n + 1` out. */
export type StoreDirectoryMigration = (file: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps from each older version to the next. Version 1 is the first shape; when the shape
 * changes, add `1: (file) => ({...file, version: 2, …})` here and bump the version above.
 */
export const migrations: Readonly<Partial<Record<number, StoreDirectoryMigration>>> = {};

export type DirectoryRead =
  | { state: 'missing' }
  | { state: 'read'; file: DirectoryFile; migratedFrom?: number }
  | { state: 'damaged'; reason: string };

/** Brings a parsed file up to the current version, or says why it cannot be used. */
export function upgradeDirectoryFile(
  raw: unknown,
  steps: Readonly<Partial<Record<number, StoreDirectoryMigration>>> = migrations,
): DirectoryRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { state: 'damaged', reason: 'is not a directory object' };
  }
  let file = raw as Record<string, unknown>;
  if (file.format !== 'aislecast-store-directory') {
    return { state: 'damaged', reason: 'is not a store directory file' };
  }
  const from = file.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    return { state: 'damaged', reason: `has no usable version (${String(from)})` };
  }
  if (from > directoryFileVersion) {
    return {
      state: 'damaged',
      reason: `was written by a newer version of the app (file version ${from})`,
    };
  }
  for (let version = from; version < directoryFileVersion; version++) {
    const step = steps[version];
    if (!step) return { state: 'damaged', reason: `has version ${version}, which cannot be read` };
    file = step(file);
  }
  const parsed = FileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      state: 'damaged',
      reason: `has an invalid shape (${issue?.path.join('.') ?? '?'}: ${issue?.message ?? '?'})`,
    };
  }
  const ids = new Set<string>();
  for (const store of parsed.data.stores) {
    if (ids.has(store.externalId)) {
      return { state: 'damaged', reason: `lists External ID ${store.externalId} twice` };
    }
    ids.add(store.externalId);
  }
  return {
    state: 'read',
    file: parsed.data,
    ...(from < directoryFileVersion ? { migratedFrom: from } : {}),
  };
}

export async function readDirectoryFile(path: string): Promise<DirectoryRead> {
  const read = await readJsonDataFile(path);
  if (read.state !== 'read') return read;
  return upgradeDirectoryFile(read.value);
}

export async function writeDirectoryFile(
  path: string,
  content: { stores: readonly StoreRecord[]; groups: readonly StoreGroup[] },
  now: Date,
): Promise<void> {
  const file: DirectoryFile = {
    format: 'aislecast-store-directory',
    version: directoryFileVersion,
    savedAt: now.toISOString(),
    stores: [...content.stores],
    groups: [...content.groups],
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(file), { mode: 0o600, fsync: true });
}
