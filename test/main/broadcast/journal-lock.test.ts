import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifySendFailure } from '../../../src-main/services/broadcast/classify.ts';
import { createInstanceLock } from '../../../src-main/services/broadcast/instance-lock.ts';
import { decodeJournal, encodeRecord } from '../../../src-main/services/broadcast/journal.ts';
import type { JobRecord } from '../../../src-main/services/broadcast/records.ts';
import { UpstreamError } from '../../../src-main/services/http/upstream-error.ts';

const job: JobRecord = {
  type: 'job',
  id: 'job_1',
  at: 1,
  audioId: 'aud_1',
  schedule: { kind: 'now' },
  options: {},
  chunkSize: 100,
  chunks: [{ index: 0, externalIds: ['a'] }],
  sender: { host: 'http://127.0.0.1' },
};
const attempt = encodeRecord({ type: 'attempt', at: 2, chunk: 0, attempt: 1, externalIds: ['a'] });

describe('journal lines', () => {
  it('reads whole records, cuts a torn last line, and calls a bad middle line damage', () => {
    const whole = encodeRecord(job) + attempt;
    expect(decodeJournal(whole)).toMatchObject({ kind: 'ok', tornBytes: 0 });
    const torn = decodeJournal(whole + attempt.slice(0, 20));
    expect(torn).toMatchObject({ kind: 'ok', tornBytes: 20, goodLength: Buffer.byteLength(whole) });
    // A flipped character fails the checksum: damage when more records follow.
    const flipped = attempt.replace('"chunk":0', '"chunk":7');
    expect(decodeJournal(encodeRecord(job) + flipped + attempt).kind).toBe('damaged');
    expect(decodeJournal(attempt).kind).toBe('damaged');
  });
});

describe('instance lock', () => {
  it('keeps a second holder out while the first lives, and takes over from a dead owner', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aislecast-lock-'));
    const path = join(dir, 'engine.lock');
    const first = createInstanceLock(path);
    const second = createInstanceLock(path);
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    await first.release();
    expect(await second.acquire()).toBe(true);
    await second.release();
    // A lock left by a process that no longer exists (a crash) is taken over at once.
    await writeFile(
      path,
      JSON.stringify({ pid: 2 ** 22 + 12345, token: 'gone', beat: Date.now() }),
    );
    const third = createInstanceLock(path);
    expect(await third.acquire()).toBe(true);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
    await third.release();
  });
});

describe('send failure verdicts', () => {
  it('fails every store when a 422 names none of them, so the request is not repeated forever', () => {
    const error = new UpstreamError(
      {
        service: 'musique',
        status: 422,
        code: 'unknown_external_ids',
        body: { error: { unknown: ['zz'] } },
      },
      { message: 'Unknown IDs.', action: '' },
    );
    const verdict = classifySendFailure(error, ['a', 'b']);
    expect(verdict.outcome).toMatchObject({
      result: 'refused',
      failed: [{ externalId: 'a' }, { externalId: 'b' }],
    });
    const named = classifySendFailure(
      new UpstreamError(
        {
          service: 'musique',
          status: 422,
          code: 'unknown_external_ids',
          body: { error: { unknown: ['b'] } },
        },
        { message: 'Unknown IDs.', action: '' },
      ),
      ['a', 'b'],
    );
    expect(named.outcome).toMatchObject({ failed: [{ externalId: 'b' }] });
  });

  it('treats a 5xx and a lost connection as unknown, a refused connection as safe to retry', () => {
    const of = (status: number, code: string, notSent?: boolean) =>
      classifySendFailure(
        new UpstreamError(
          { service: 'musique', status, code, ...(notSent ? { notSent } : {}) },
          { message: code, action: '' },
        ),
        ['a'],
      ).outcome.result;
    expect(of(503, 'service_unavailable')).toBe('unknown');
    expect(of(0, 'timeout')).toBe('unknown');
    expect(of(0, 'connection_reset')).toBe('unknown');
    expect(of(0, 'network_error', true)).toBe('refused');
    expect(of(200, 'malformed_response')).toBe('sent');
    expect(of(429, 'rate_limit_exceeded')).toBe('refused');
  });
});
