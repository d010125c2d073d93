import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls } from '../../../src-preload/contract/contract.ts';
import type { SavedQueue } from '../../../src-preload/contract/schemas/player.ts';
import { queueFilePath } from '../../../src-main/services/player/queue-file.ts';
import { createQueueStore } from '../../../src-main/services/player/queue-store.ts';
import { createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import type { Logger } from '../../../src-main/services/log/logger.ts';

const lines: string[] = [];
const log: Logger = {
  debug: (o, m) => lines.push(`${m ?? ''} ${JSON.stringify(o)}`),
  info: (o, m) => lines.push(`${m ?? ''} ${JSON.stringify(o)}`),
  warn: (o, m) => lines.push(`${m ?? ''} ${JSON.stringify(o)}`),
  error: (o, m) => lines.push(`${m ?? ''} ${JSON.stringify(o)}`),
  child: () => log,
};

let damaged = createDamagedFiles({ dataDir: tmpdir(), log });

const queue = (overrides: Partial<SavedQueue> = {}): SavedQueue => ({
  ids: [5, 9, 2, 9],
  index: 2,
  position: 83.5,
  shuffle: true,
  repeat: 'all',
  unshuffled: [1, 0, 3, 2],
  history: [5, 9],
  ...overrides,
});

describe('the saved queue', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aislecast-queue-'));
    path = queueFilePath(dir);
    lines.length = 0;
    damaged = createDamagedFiles({ dataDir: dir, log });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips across a restart, versioned, with the account it belongs to', async () => {
    const store = createQueueStore(path, log, damaged);
    expect(await store.load('acct')).toBeNull();
    await store.save(queue(), 'acct');
    const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'aislecast-queue', version: 1, account: 'acct' });
    const restarted = createQueueStore(path, log, damaged);
    expect(await restarted.load('acct')).toEqual(queue());
  });

  it('updates the position without resending the queue', async () => {
    const store = createQueueStore(path, log, damaged);
    await store.save(queue(), 'acct');
    await store.savePosition({ index: 3, position: 12 });
    expect(await createQueueStore(path, log, damaged).load('acct')).toEqual(
      queue({ index: 3, position: 12 }),
    );
  });

  it('drops a position that does not fit the saved queue', async () => {
    const store = createQueueStore(path, log, damaged);
    await store.savePosition({ index: 0, position: 3 });
    await store.save(queue(), 'acct');
    await store.savePosition({ index: 4, position: 3 });
    expect(await createQueueStore(path, log, damaged).load('acct')).toEqual(queue());
  });

  it('writes the latest of a burst of saves', async () => {
    const store = createQueueStore(path, log, damaged);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.save(queue({ position: i }), 'acct')),
    );
    await store.flush();
    expect((await createQueueStore(path, log, damaged).load('acct'))?.position).toBe(19);
  });

  it('does not restore another account’s queue', async () => {
    await createQueueStore(path, log, damaged).save(queue(), 'acct-a');
    expect(await createQueueStore(path, log, damaged).load('acct-b')).toBeNull();
    expect(await createQueueStore(path, log, damaged).load(undefined)).toEqual(queue());
  });

  it.each([
    ['damaged JSON', '{"format":"aislecast-queue",'],
    ['an unknown version', JSON.stringify({ format: 'aislecast-queue', version: 99, queue: {} })],
    [
      'an invalid queue',
      JSON.stringify({
        format: 'aislecast-queue',
        version: 1,
        savedAt: 'x',
        queue: { ...queue(), index: 10 },
      }),
    ],
  ])('starts empty from %s, moves the file aside and tells the user', async (_, text) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    expect(await createQueueStore(path, log, damaged).load('acct')).toBeNull();
    expect(damaged.list()).toEqual([
      expect.objectContaining({ file: join('player', 'queue.json') }),
    ]);
    expect(damaged.list()[0]!.what).toMatch(/play queue/);
    expect(damaged.list()[0]!.keptAs).toMatch(/queue\.json\.damaged-/);
  });

  it('answers "not saved" when the write fails, and "saved" once a later write succeeds', async () => {
    // A file where the player folder should be: nothing can be written under it.
    await writeFile(join(dir, 'player'), 'in the way');
    const store = createQueueStore(path, log, damaged);
    await expect(store.save(queue(), 'acct')).rejects.toMatchObject({
      code: 'queue_not_saved',
    });
    await rm(join(dir, 'player'));
    await expect(store.save(queue({ position: 3 }), 'acct')).resolves.toEqual(expect.any(String));
    expect((await createQueueStore(path, log, damaged).load('acct'))?.position).toBe(3);
  });
});

describe('the queue arguments the router accepts', () => {
  const parse = (value: unknown) => calls['player.saveQueue'].args.safeParse(value).success;

  it('accepts a consistent queue, and an empty one', () => {
    expect(parse(queue())).toBe(true);
    expect(
      parse({ ids: [], index: -1, position: 0, shuffle: false, repeat: 'off', history: [] }),
    ).toBe(true);
  });

  it.each([
    ['an index outside the queue', { index: 4 }],
    ['no current track in a non-empty queue', { index: -1 }],
    ['a broken unshuffled order', { unshuffled: [0, 0, 1, 2] }],
    ['an unshuffled order of another length', { unshuffled: [0, 1, 2] }],
    ['a non-integer track ID', { ids: [1.5, 2, 3, 4] }],
    ['a negative position', { position: -1 }],
    ['an unknown repeat mode', { repeat: 'sometimes' }],
  ])('rejects %s', (_, overrides) => {
    expect(parse({ ...queue(), ...overrides })).toBe(false);
  });

  it('rejects extra fields', () => {
    expect(parse({ ...queue(), url: 'media://track/1' })).toBe(false);
  });
});
