import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asideName, createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import { readJsonDataFile } from '../../../src-main/services/files/read-data-file.ts';
import type { Logger } from '../../../src-main/services/log/logger.ts';

function recordingLog(lines: Array<{ obj: unknown; msg?: string }>): Logger {
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (obj, msg) => void lines.push({ obj, msg }),
    error: (obj, msg) => void lines.push({ obj, msg }),
    child: () => log,
  };
  return log;
}

describe('damaged data files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aislecast-damaged-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('moves the file aside with a timestamp, logs why and tells the user what was reset', async () => {
    const lines: Array<{ obj: unknown; msg?: string }> = [];
    const at = new Date('2026-12-04T14:22:33.456Z');
    const files = createDamagedFiles({ dataDir: dir, log: recordingLog(lines), now: () => at });
    await mkdir(join(dir, 'player'));
    const path = join(dir, 'player', 'queue.json');
    await writeFile(path, '{"trunc');
    const seen: number[] = [];
    files.onChange((notices) => seen.push(notices.length));

    const notice = await files.report(path, {
      what: 'Your saved queue was reset.',
      reason: 'not JSON',
    });

    expect(notice).toMatchObject({
      file: join('player', 'queue.json'),
      keptAs: join('player', 'queue.json.damaged-20261204T142233Z'),
      what: 'Your saved queue was reset.',
      at: at.toISOString(),
    });
    expect(await readdir(join(dir, 'player'))).toEqual(['queue.json.damaged-20261204T142233Z']);
    expect(await readFile(asideName(path, at), 'utf8')).toBe('{"trunc');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.obj).toMatchObject({ reason: 'not JSON' });
    expect(files.list()).toEqual([notice]);
    expect(seen).toEqual([1]);

    expect(files.dismiss(notice.id)).toEqual([]);
    expect(seen).toEqual([1, 0]);
  });

  it('moves a folder standing where a file should be, synchronously too', async () => {
    const files = createDamagedFiles({ dataDir: dir, log: recordingLog([]) });
    const path = join(dir, 'settings.json');
    await mkdir(path);
    const notice = files.reportSync(path, { what: 'Settings were reset.', reason: 'a folder' });
    expect(notice.keptAs).toMatch(/^settings\.json\.damaged-\d{8}T\d{6}Z$/);
    expect(await readdir(dir)).toEqual([notice.keptAs]);
  });

  it('still tells the user when the file cannot be moved', async () => {
    const lines: Array<{ obj: unknown; msg?: string }> = [];
    const files = createDamagedFiles({ dataDir: dir, log: recordingLog(lines) });
    const notice = await files.report(join(dir, 'gone.json'), {
      what: 'X was reset.',
      reason: 'r',
    });
    expect(notice.keptAs).toBeUndefined();
    expect(files.list()).toHaveLength(1);
    expect(lines[0]?.msg).toMatch(/could not be moved/);
  });

  it('reads JSON files as missing, read or damaged', async () => {
    const path = join(dir, 'data.json');
    expect(await readJsonDataFile(path)).toEqual({ state: 'missing' });
    await writeFile(path, 'null');
    expect(await readJsonDataFile(path)).toEqual({ state: 'read', value: null });
    await writeFile(path, '');
    expect(await readJsonDataFile(path)).toMatchObject({ state: 'damaged' });
    await writeFile(path, '\u0000\u0001garbage');
    expect(await readJsonDataFile(path)).toMatchObject({ state: 'damaged' });
    await rm(path);
    await mkdir(path);
    expect(await readJsonDataFile(path)).toMatchObject({ state: 'damaged' });
  });
});
