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

// Pieces of a large column, small enough that their JSON usually stays under V8's large-object
// size (128 KB) and so dies young.
const charsPerPiece = 32_768;
const numbersPerPiece = 8_192;

/**
 * A long string's JSON in pieces. Each piece is small enough to die young: one
 * `JSON.stringify` of a whole 4 MB column would leave megabytes of garbage in the old
 * generation (and block the thread while it is encoded for the disk) after every sync.
 */
function* jsonString(value: string): Generator<string> {
  yield '"';
  for (let at = 0; at < value.length;) {
    let end = Math.min(at + charsPerPiece, value.length);
    // Never between the halves of a surrogate pair: each half alone would be escaped.
    const code = value.charCodeAt(end - 1);
    if (end < value.length && code >= 0xd800 && code <= 0xdbff) end++;
    yield JSON.stringify(value.slice(at, end)).slice(1, -1);
    at = end;
  }
  yield '"';
}

function* jsonNumbers(values: readonly number[]): Generator<string> {
  yield '[';
  for (let at = 0; at < values.length; at += numbersPerPiece) {
    const piece = JSON.stringify(values.slice(at, at + numbersPerPiece)).slice(1, -1);
    yield at > 0 && piece ? `,${piece}` : piece;
  }
  yield ']';
}

/**
 * The JSON of an object whose `tracks` holds a few very large columns, in parts: everything
 * else at once, then each column piece by piece.
 */
export function* jsonWithTracks(value: {
  tracks: { count: number; text: Record<string, string>; numbers: Record<string, number[]> };
}): Generator<string> {
  const { tracks, ...rest } = value;
  const head = JSON.stringify(rest);
  yield `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"tracks":{"count":${tracks.count},"text":{`;
  let first = true;
  for (const [name, column] of Object.entries(tracks.text)) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:`;
    yield* jsonString(column);
    first = false;
  }
  yield '},"numbers":{';
  first = true;
  for (const [name, column] of Object.entries(tracks.numbers)) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:`;
    yield* jsonNumbers(column);
    first = false;
  }
  yield '}}}';
}
