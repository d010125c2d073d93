import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../src-main/sandbox/cli.ts');

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => done(line));
    child.once('exit', () => fail(new Error(`exited before printing: ${stderr}`)));
  });
  // Not every test reads the line; an early exit must not surface as an unhandled rejection.
  firstLine.catch(() => undefined);
  return { child, exited, firstLine, stderr: () => stderr };
}

describe('npm run sandbox', () => {
  it('prints one JSON line with both base URLs and the demo credentials, then stops on SIGTERM', async () => {
    const { child, exited, firstLine } = run([
      '--seed',
      '5',
      '--tracks',
      '40',
      '--stores',
      '25',
      '--envelope',
    ]);
    const info = JSON.parse(await firstLine) as {
      queye: { baseUrl: string };
      musique: { origin: string; v1BaseUrl: string };
      credentials: Record<string, string>;
      seed: number;
      stores: number;
    };
    expect(info.queye.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(info.musique.v1BaseUrl).toBe(`${info.musique.origin}/api/v1/integration`);
    expect(Object.keys(info.credentials)).toEqual(
      expect.arrayContaining([
        'queyeClientKey',
        'queyeUserKey',
        'queyeLockedUserKey',
        'musiqueCompanyToken',
        'musiqueApiToken',
        'musiqueExternalId',
      ]),
    );
    expect(info).toMatchObject({ seed: 5, stores: 25 });
    expect((await fetch(`${info.queye.baseUrl}/health`)).status).toBe(200);
    const wrapped = (await (
      await fetch(info.musique.v1BaseUrl, {
        headers: { 'x-api-key': info.credentials.musiqueApiToken! },
      })
    ).json()) as Record<string, unknown>;
    expect(wrapped).toHaveProperty('data');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${info.queye.baseUrl}/health`)).rejects.toThrow();
  });

  it('refuses unknown or malformed flags with exit code 2', async () => {
    for (const args of [['--colour'], ['--tracks', 'many']]) {
      const { exited, stderr } = run(args);
      expect(await exited).toBe(2);
      expect(stderr()).toContain('Usage: npm run sandbox');
    }
  });
});
