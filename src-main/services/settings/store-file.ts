/**
 * Opening a conf / electron-store file without losing anything silently. conf alone would
 * either wipe a damaged file (`clearInvalidConfig`) or throw at start-up, and it reads a file
 * holding `null` or an array as an empty store. Here the file is inspected first: anything
 * unusable is moved aside with a timestamp through `DamagedFiles` (logged, the user told what
 * was reset), the parts that are still valid are written back, and only then is the store
 * opened — with conf's own clearing turned off.
 */
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import type { DamagedFiles } from '../files/damaged-files.ts';

/** What a store makes of a parsed file: the valid parts, and the names of what it had to drop. */
export interface Salvage {
  kept: Record<string, unknown>;
  lost: string[];
}

export interface StoreFileSpec {
  path: string;
  /** Splits a parsed object into what can be kept and what is unusable. */
  salvage(value: Record<string, unknown>): Salvage;
  /** What the user is told; `lost` is empty when the whole file was unusable. */
  describe(lost: string[]): string;
}

type Inspection =
  { state: 'missing' | 'fine' } | { state: 'damaged'; reason: string; salvage?: Salvage };

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

export function inspectStoreFile(spec: StoreFileSpec): Inspection {
  let text: string;
  try {
    text = readFileSync(spec.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    return { state: 'damaged', reason: `cannot be read (${code ?? 'unknown error'})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return {
      state: 'damaged',
      reason: text.trim() ? 'is not valid JSON (truncated or garbage)' : 'is empty',
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { state: 'damaged', reason: `holds ${kindOf(value)} instead of an object` };
  const salvage = spec.salvage(value as Record<string, unknown>);
  if (!salvage.lost.length) return { state: 'fine' };
  return {
    state: 'damaged',
    reason: `has unusable entries: ${salvage.lost.join(', ')}`,
    salvage,
  };
}

/** What opening reset: nothing, some entries, or the whole file. */
export type StoreReset = undefined | string[] | 'all';

/**
 * Inspects the file, sets a damaged one aside (writing back what was valid), then opens the
 * store. Should conf still refuse the file, it is set aside whole and opened fresh.
 */
export function openStoreFile<S>(
  spec: StoreFileSpec,
  damagedFiles: DamagedFiles,
  open: () => S,
): { store: S; reset: StoreReset } {
  const found = inspectStoreFile(spec);
  let reset: StoreReset;
  if (found.state === 'damaged') {
    const partial = found.salvage && Object.keys(found.salvage.kept).length > 0;
    reset = partial ? found.salvage!.lost : 'all';
    damagedFiles.reportSync(spec.path, {
      what: spec.describe(partial ? found.salvage!.lost : []),
      reason: found.reason,
    });
    if (partial)
      writeFileAtomic.sync(spec.path, JSON.stringify(found.salvage!.kept, null, '\t'), {
        mode: 0o600,
      });
  }
  try {
    return { store: open(), reset };
  } catch (error) {
    damagedFiles.reportSync(spec.path, {
      what: spec.describe([]),
      reason: `was refused when opened (${error instanceof Error ? error.message : String(error)})`,
    });
    return { store: open(), reset: 'all' };
  }
}
