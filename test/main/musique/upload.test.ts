import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadProgress } from '../../../src-preload/contract/schemas/musique.ts';
import { mp3Fixture, useSandbox, wavFixture } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';
import { stageFile } from './upload-helpers.ts';

const sandbox = useSandbox();
const waits: number[] = [];
let skipped = 0;
let h: Harness;
beforeAll(async () => {
  // 429 waits are recorded instead of slept; a stall is anything over half a second.
  h = await createHarness({
    uploadWait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    uploadStallMs: 500,
    // The governor honours the same Retry-After on its own clock: that wait passes at once too.
    clock: {
      now: () => Date.now() + skipped,
      sleep: (ms) => {
        skipped += ms;
        return Promise.resolve();
      },
    },
  });
  h.useSandbox(sandbox());
  await h.connect(sandbox());
});
afterAll(() => h?.close());
afterEach(() => {
  sandbox().control.clearFaults();
  waits.length = 0;
});

const uploadPath = '/api/v1/integration/audio';
let counter = 0;
const uniqueName = () => `Upload test ${++counter} ${Date.now()}`;
const listedNames = async () => {
  const response = await fetch(`${sandbox().musique.v1BaseUrl}/audio?limit=100`, {
    headers: { 'x-api-key': sandbox().credentials.musiqueApiToken },
  });
  return ((await response.json()) as { items: Array<{ name: string }> }).items.map((i) => i.name);
};
const progressOf = (uploadId: string) =>
  h.events
    .filter((e) => e.name === 'musique.uploadProgress')
    .map((e) => e.payload as UploadProgress)
    .filter((p) => p.uploadId === uploadId);

/** An ID3v2.3 tag with Latin-1 text frames, as tagging tools write it. */
function id3Tag(frames: Record<string, string>): Uint8Array {
  const body: number[] = [];
  for (const [id, text] of Object.entries(frames)) {
    const value = [0, ...new TextEncoder().encode(text)];
    const size = value.length;
    body.push(
      ...new TextEncoder().encode(id),
      size >>> 24,
      (size >>> 16) & 255,
      (size >>> 8) & 255,
      size & 255,
      0,
      0,
      ...value,
    );
  }
  const n = body.length;
  const syncsafe = [(n >>> 21) & 127, (n >>> 14) & 127, (n >>> 7) & 127, n & 127];
  return new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, ...syncsafe, ...body]);
}

async function stagedMp3(seconds = 8, seed = 5) {
  const mp3 = await mp3Fixture({ seconds, seed });
  return { uploadId: await stageFile(h, 'jingle.mp3', mp3.bytes), bytes: mp3.bytes };
}

describe('the content check', () => {
  it('rejects a WAV renamed .mp3, saying what it is', async () => {
    const wav = await wavFixture({ seconds: 1 }, 'renamed-wav.mp3');
    const uploadId = await stageFile(h, 'jingle.mp3', wav.bytes);
    const check = await h.call('musique.uploadCheck', { uploadId });
    expect(check).toMatchObject({ ok: false, reason: 'not_mp3', detected: 'WAV' });
    expect(!check.ok && check.message).toMatch(/WAV file, not MP3.*content, not its name/);
  });

  it('rejects Ogg audio and files that are no audio at all', async () => {
    const ogg = new Uint8Array(4096).fill(7);
    ogg.set(new TextEncoder().encode('OggS'), 0);
    const oggCheck = await h.call('musique.uploadCheck', {
      uploadId: await stageFile(h, 'a.ogg', ogg),
    });
    expect(oggCheck).toMatchObject({ ok: false, reason: 'not_mp3', detected: 'Ogg' });
    const text = new TextEncoder().encode('ID3 but not really. '.repeat(200));
    const textCheck = await h.call('musique.uploadCheck', {
      uploadId: await stageFile(h, 'b.mp3', text),
    });
    expect(textCheck).toMatchObject({ ok: false, reason: 'not_mp3' });
  });

  it('rejects an empty file and one byte over 10 MB before any byte is sent', async () => {
    const empty = await h.call('musique.uploadBegin', { fileName: 'empty.mp3', size: 0 });
    expect(empty).toMatchObject({ accepted: false, check: { reason: 'empty' } });
    const big = await h.call('musique.uploadBegin', {
      fileName: 'big.mp3',
      size: 10 * 1024 * 1024 + 1,
    });
    expect(big).toMatchObject({
      accepted: false,
      check: { reason: 'too_large', size: 10_485_761 },
    });
    expect(!big.accepted && !big.check.ok && big.check.message).toMatch(
      /10,485,761 bytes.*at most 10 MB/,
    );
  });

  it('reads duration, bit rate and tags of a real MP3', async () => {
    const { uploadId } = await stagedMp3(12, 2);
    const check = await h.call('musique.uploadCheck', { uploadId });
    expect(check).toMatchObject({
      ok: true,
      bitrateKbps: 128,
      suggestedName: 'jingle',
      sampleRate: 24000,
    });
    expect(check.ok && check.durationSec).toBeCloseTo(12, 0);
    await h.call('musique.uploadCancel', { uploadId });
  });

  it('prefers the ID3 title for the name, and skips the tag to find the audio', async () => {
    const { bytes } = await mp3Fixture({ seconds: 6, seed: 7 });
    const tagged = new Uint8Array([...id3Tag({ TIT2: 'Summer sale', TPE1: 'HQ' }), ...bytes]);
    const uploadId = await stageFile(h, 'track01.mp3', tagged);
    const check = await h.call('musique.uploadCheck', { uploadId });
    expect(check).toMatchObject({
      ok: true,
      suggestedName: 'Summer sale',
      title: 'Summer sale',
      artist: 'HQ',
    });
    await h.call('musique.uploadCancel', { uploadId });
  });

  it('refuses bytes beyond the announced size and out of order', async () => {
    const ticket = await h.call('musique.uploadBegin', { fileName: 'x.mp3', size: 4 });
    if (!ticket.accepted) throw new Error('expected a ticket');
    const out = await h.fail('musique.uploadChunk', {
      uploadId: ticket.uploadId,
      offset: 2,
      bytes: new Uint8Array(2),
    });
    expect(out.code).toBe('upload_out_of_order');
    const over = await h.fail('musique.uploadChunk', {
      uploadId: ticket.uploadId,
      offset: 0,
      bytes: new Uint8Array(8),
    });
    expect(over.code).toBe('upload_overrun');
    await h.call('musique.uploadCancel', { uploadId: ticket.uploadId });
  });
});

describe('sending', () => {
  it('refuses a name of only spaces, and a file that failed its check, sending nothing', async () => {
    const { uploadId } = await stagedMp3();
    const before = sandbox().control.requests({ service: 'musique' }).length;
    const blank = await h.fail('musique.uploadStart', {
      uploadId,
      name: '   ',
      description: '',
      category: 'other',
    });
    expect(blank.code).toBe('invalid_arguments');
    const wav = await wavFixture({ seconds: 1 }, 'renamed-wav.mp3');
    const bad = await stageFile(h, 'jingle.mp3', wav.bytes);
    const refused = await h.fail('musique.uploadStart', {
      uploadId: bad,
      name: 'x',
      description: '',
      category: 'other',
    });
    expect(refused.code).toBe('upload_not_ready');
    expect(sandbox().control.requests({ service: 'musique' }).length).toBe(before);
    await h.call('musique.uploadCancel', { uploadId });
  });

  it('waits as Musique asks on 429, shows the wait, and resumes', async () => {
    sandbox().control.addFault({
      kind: 'rateLimitStorm',
      retryAfterSec: 7,
      method: 'POST',
      path: uploadPath,
      times: 1,
    });
    const { uploadId } = await stagedMp3();
    const name = uniqueName();
    const result = await h.call('musique.uploadStart', {
      uploadId,
      name,
      description: '',
      category: 'promotion',
    });
    expect(result.phase).toBe('done');
    expect(waits).toEqual([7000]);
    const waiting = progressOf(uploadId).find((p) => p.phase === 'waiting');
    expect(waiting?.waitUntil).toEqual(expect.any(String));
    expect(await listedNames()).toContain(name);
  });

  it('reports a 5xx that stored nothing, and keeps the file to try again', async () => {
    sandbox().control.addFault({
      kind: 'status',
      status: 500,
      method: 'POST',
      path: uploadPath,
      times: 1,
    });
    const { uploadId } = await stagedMp3();
    const name = uniqueName();
    const failed = await h.call('musique.uploadStart', {
      uploadId,
      name,
      description: '',
      category: 'other',
    });
    expect(failed.phase).toBe('failed');
    expect(failed.error?.message).toMatch(/problem on its side|nothing was stored/);
    expect(await listedNames()).not.toContain(name);
    const retried = await h.call('musique.uploadStart', {
      uploadId,
      name,
      description: '',
      category: 'other',
    });
    expect(retried.phase).toBe('done');
  });

  it('finds the file in the library when the answer was lost after it was stored', async () => {
    sandbox().control.addFault({
      kind: 'reset',
      runHandler: true,
      method: 'POST',
      path: uploadPath,
      times: 1,
    });
    const { uploadId } = await stagedMp3();
    const name = uniqueName();
    const result = await h.call('musique.uploadStart', {
      uploadId,
      name,
      description: '',
      category: 'other',
    });
    expect(progressOf(uploadId).map((p) => p.phase)).toContain('verifying');
    expect(result).toMatchObject({ phase: 'done', item: { name } });
    expect((await listedNames()).filter((n) => n === name)).toHaveLength(1);
  });

  it('says the outcome is unknown when the library cannot be checked either', async () => {
    sandbox().control.addFault({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: uploadPath,
      runHandler: true,
      times: 1,
    });
    sandbox().control.addFault({ kind: 'status', status: 503, method: 'GET', path: uploadPath });
    const { uploadId } = await stagedMp3();
    const result = await h.call('musique.uploadStart', {
      uploadId,
      name: uniqueName(),
      description: '',
      category: 'other',
    });
    expect(result.phase).toBe('unknown');
    expect(result.error?.action).toMatch(/Refresh the library before trying again/);
  });

  it('cancels an upload in flight, and nothing is stored', async () => {
    sandbox().control.addFault({
      kind: 'delay',
      ms: 3000,
      method: 'POST',
      path: uploadPath,
      times: 1,
    });
    const mp3 = await mp3Fixture({ seconds: 655, kbps: 128 });
    const uploadId = await stageFile(h, 'long.mp3', mp3.bytes);
    const name = uniqueName();
    const running = h.call('musique.uploadStart', {
      uploadId,
      name,
      description: '',
      category: 'other',
    });
    await expect.poll(() => progressOf(uploadId).some((p) => p.sentBytes > 0)).toBe(true);
    await h.call('musique.uploadCancel', { uploadId });
    const result = await running;
    expect(result.phase).toBe('cancelled');
    expect(result.sentBytes).toBeLessThan(mp3.bytes.length);
    expect(await listedNames()).not.toContain(name);
  });

  it('gives up on a stalled upload and says so', async () => {
    sandbox().control.addFault({
      kind: 'delay',
      ms: 5000,
      method: 'POST',
      path: uploadPath,
      times: 1,
    });
    const mp3 = await mp3Fixture({ seconds: 655, kbps: 128 });
    const uploadId = await stageFile(h, 'long.mp3', mp3.bytes);
    const result = await h.call('musique.uploadStart', {
      uploadId,
      name: uniqueName(),
      description: '',
      category: 'other',
    });
    expect(result.phase).toBe('failed');
    expect(result.error?.code).toBe('upload_stalled');
    expect(result.error?.action).toMatch(/keeps nothing of an unfinished upload/);
    await h.call('musique.uploadCancel', { uploadId });
  });
});
