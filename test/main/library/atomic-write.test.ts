import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  jsonWithTracks,
  writeAtomically,
} from '../../../src-main/services/library/atomic-write.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const library = (text: Record<string, string>, numbers: Record<string, number[]>) => ({
  format: 'aislecast-library',
  albums: [{ id: 'a', title: 'Say "hi"' }],
  tracks: { count: 2, text, numbers },
});

describe('the library file writer', () => {
  it('writes long columns in pieces whose JSON is that of the whole', () => {
    // Longer than one piece, with quotes, escapes, controls and a surrogate pair on a boundary.
    const long = `${'x'.repeat(32_767)}😀${'é"\\\n\u2028'.repeat(9_000)}`;
    const numbers = Array.from({ length: 70_001 }, (_, i) => i * 1.5);
    const value = library(
      { title: long, artist: '', album: '😀'.repeat(40_000) },
      { id: numbers, year: [] },
    );
    const parts = [...jsonWithTracks(value)];
    expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(200_000);
    expect(JSON.parse(parts.join(''))).toEqual(value);
    expect(parts.join('')).not.toMatch(/\\ud83d/i);
  });

  it('replaces the file in one step and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aislecast-atomic-'));
    dirs.push(dir);
    const path = join(dir, 'library.json');
    await writeAtomically(path, jsonWithTracks(library({ title: 'old' }, { id: [1] })));
    await writeAtomically(path, jsonWithTracks(library({ title: 'new' }, { id: [2] })));
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      tracks: { text: { title: 'new' }, numbers: { id: [2] } },
    });
    expect(await readdir(dir)).toEqual(['library.json']);
  });
});
