import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes a file atomically from parts: a temporary file next to it, written piece by piece,
 * fsynced, then renamed over the old one. A crash leaves the old file or the new one, never half;
 * and the parts mean a 100,000-track library is never one giant string in memory.
 */
export async function writeAtomically(path: string, parts: Iterable<string>): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      for (const part of parts) await handle.write(part);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The JSON of an object whose `tracks` holds a few very large columns, in parts: everything
 * else at once, then one column at a time.
 */
export function* jsonWithTracks(value: {
  tracks: { count: number; text: Record<string, string>; numbers: Record<string, number[]> };
}): Generator<string> {
  const { tracks, ...rest } = value;
  const head = JSON.stringify(rest);
  yield `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"tracks":{"count":${tracks.count},"text":{`;
  let first = true;
  for (const [name, column] of Object.entries(tracks.text)) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(column)}`;
    first = false;
  }
  yield '},"numbers":{';
  first = true;
  for (const [name, column] of Object.entries(tracks.numbers)) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(column)}`;
    first = false;
  }
  yield '}}}';
}
