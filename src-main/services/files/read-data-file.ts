import { readFile } from 'node:fs/promises';

/**
 * What reading a data file found. `missing` is the normal first run; `damaged` covers every
 * way a file can be unusable (not JSON, truncated, a folder in its place, unreadable) so the
 * caller hands it to `DamagedFiles` instead of special-casing each.
 */
export type DataFileRead =
  { state: 'missing' } | { state: 'read'; value: unknown } | { state: 'damaged'; reason: string };

export async function readJsonDataFile(path: string): Promise<DataFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    return { state: 'damaged', reason: `cannot be read (${code ?? 'unknown error'})` };
  }
  try {
    return { state: 'read', value: JSON.parse(text) as unknown };
  } catch {
    return {
      state: 'damaged',
      reason: text.length ? 'is not valid JSON (truncated or garbage)' : 'is empty',
    };
  }
}
