import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import {
  demoAccessToken,
  mp3Fixture,
  musiqueHeaders,
  queyeHeaders,
  startTestSandbox,
} from '../../support/sandbox.ts';

function count(kinds: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of kinds)
    out[kind] = process.getActiveResourcesInfo().filter((name) => name === kind).length;
  return out;
}

const watched = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'Immediate'];

describe('sandbox lifecycle', () => {
  it('leaves no server, socket or timer behind after close, even mid-fault and mid-encode', async () => {
    const before = count(watched);
    const sandbox = await startSandbox({ audioCacheDir: null, warmAudio: true });
    const headers = queyeHeaders(sandbox, demoAccessToken(sandbox));
    sandbox.control.addFault({ kind: 'delay', ms: 60_000, path: '/v1/health' });
    sandbox.control.addFault({ kind: 'slowBody', bytesPerSec: 10, path: '/v1/library/summary' });
    const pending = [
      fetch(`${sandbox.queye.baseUrl}/health`).catch(() => undefined),
      fetch(`${sandbox.queye.baseUrl}/library/summary`, { headers })
        .then((response) => response.text())
        .catch(() => undefined),
    ];
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = performance.now();
    await sandbox.close();
    await sandbox.close(); // idempotent
    expect(performance.now() - started).toBeLessThan(1000);
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = count(watched);
    for (const kind of watched) expect(after[kind], kind).toBeLessThanOrEqual(before[kind]!);
    await expect(fetch(`${sandbox.queye.baseUrl}/health`)).rejects.toThrow();
  });

  it('keeps uploads in its own temporary folder and removes it on close', async () => {
    const sandbox = await startTestSandbox();
    const mp3 = await mp3Fixture({ seconds: 1, seed: 2 });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(mp3.bytes)]), 'a.mp3');
    const response = await fetch(`${sandbox.musique.v1BaseUrl}/audio`, {
      method: 'POST',
      headers: musiqueHeaders(sandbox),
      body: form,
    });
    const { id } = (await response.json()) as { id: string };
    expect(sandbox.dataDir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(join(sandbox.dataDir, 'uploads', `${id}.mp3`))).toBe(true);
    await sandbox.close();
    expect(existsSync(sandbox.dataDir)).toBe(false);
  });

  it('uses a given data folder and leaves it in place', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aislecast-data-'));
    const sandbox = await startTestSandbox({ dataDir });
    const mp3 = await mp3Fixture({ seconds: 1, seed: 2 });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(mp3.bytes)]), 'a.mp3');
    const created = (await (
      await fetch(`${sandbox.musique.v1BaseUrl}/audio`, {
        method: 'POST',
        headers: musiqueHeaders(sandbox),
        body: form,
      })
    ).json()) as { id: string };
    expect(existsSync(join(dataDir, 'uploads', `${created.id}.mp3`))).toBe(true);
    await sandbox.close();
    expect(existsSync(join(dataDir, 'uploads', `${created.id}.mp3`))).toBe(true);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on the ports asked for, and fails cleanly when one is taken', async () => {
    const first = await startTestSandbox({ tracks: 5 });
    const port = Number(new URL(first.queye.origin).port);
    await expect(startTestSandbox({ tracks: 5, musiquePort: port })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
    const again = await startTestSandbox({ tracks: 5, queyePort: port });
    expect(again.queye.origin).toBe(`http://127.0.0.1:${port}`);
    await again.close();
  });

  it('refuses impossible options with a clear message', async () => {
    await expect(startSandbox({ tracks: -1 })).rejects.toThrow(
      'Sandbox option tracks must be an integer from 0 to 200000',
    );
    await expect(
      startSandbox({ rateLimits: { perMinute: 0, perHour: 1, perDay: 1 } }),
    ).rejects.toThrow(/rateLimits.perMinute/);
    await expect(startSandbox({ musiqueEnvironment: 'qa' as never })).rejects.toThrow(
      /musiqueEnvironment/,
    );
  });
});
