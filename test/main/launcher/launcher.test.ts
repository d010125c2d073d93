import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchElectron } from '../../../src-main/launcher/electron-binary.ts';
import {
  createTail,
  electronEnv,
  electronPathFromOutput,
  judgeElectronExit,
  sandboxBlocked,
} from '../../../src-main/launcher/electron-exit.ts';

const root = resolve(import.meta.dirname, '../../..');
const sandboxAbort =
  "[4317:0206/185050.022641:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /repo/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n";

describe('reading the Electron binary’s path', () => {
  it('takes the path behind the download messages, not the whole output', () => {
    const output =
      'Downloading Electron binary...\n[====] 100%\n\nAISLECAST_ELECTRON_PATH=/repo/node_modules/electron/dist/electron\n';
    expect(electronPathFromOutput(output)).toBe('/repo/node_modules/electron/dist/electron');
  });

  it('takes the last line when there is no marker, and nothing from empty output', () => {
    expect(electronPathFromOutput('Downloading Electron binary...\r\n/opt/e/electron\r\n')).toBe(
      '/opt/e/electron',
    );
    expect(electronPathFromOutput('\n  \n')).toBeUndefined();
  });

  describe('through a real probe of the electron package', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'aislecast-launcher-'));
      await mkdir(join(dir, 'node_modules/electron'), { recursive: true });
      await writeFile(join(dir, 'binary'), '');
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('finds a binary that arrived during this very start (item 4)', async () => {
      // What electron's index.js does on a first start: announce the download on stdout.
      await writeFile(
        join(dir, 'node_modules/electron/index.js'),
        `console.log('Downloading Electron binary...');\nmodule.exports = ${JSON.stringify(join(dir, 'binary'))};\n`,
      );
      expect(fetchElectron(dir)).toEqual({ path: join(dir, 'binary') });
    });

    it('reports the downloader’s first error line when the download failed', async () => {
      await writeFile(
        join(dir, 'node_modules/electron/index.js'),
        "console.log('Downloading Electron binary...');\nthrow new Error('Electron failed to install correctly');\n",
      );
      const fetched = fetchElectron(dir);
      expect(fetched.path).toBeUndefined();
      expect(fetched.reason).toMatch(/Electron failed to install correctly/);
    });
  });
});

describe('the environment Electron starts with', () => {
  it('has no ELECTRON_RENDERER_URL at all, whatever the shell had', () => {
    const env = electronEnv({ PATH: '/bin', ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(env).toEqual({ PATH: '/bin' });
    expect('ELECTRON_RENDERER_URL' in electronEnv({ PATH: '/bin' })).toBe(false);
  });
});

describe('judging how Electron ended', () => {
  const base = { code: 0, signal: null, stderr: '', platform: 'linux' } as const;

  it('passes a normal quit through as success, silently', () => {
    expect(judgeElectronExit(base)).toEqual({ exitCode: 0 });
  });

  it('explains Chromium’s sandbox abort on a restricting Linux and fails (item 2)', () => {
    const verdict = judgeElectronExit({
      ...base,
      code: null,
      signal: 'SIGTRAP',
      stderr: `some log\n${sandboxAbort}`,
      sandboxHelper: '/repo/node_modules/electron/dist/chrome-sandbox',
    });
    expect(verdict.exitCode).toBe(128 + 5);
    expect(verdict.message).toMatch(/sandbox could not start/);
    expect(verdict.message).toMatch(/\.deb/);
    expect(verdict.message).toMatch(/AppArmor/);
    expect(verdict.message).toContain(
      'sudo chown root:root /repo/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /repo/node_modules/electron/dist/chrome-sandbox',
    );
  });

  it('recognises the no-sandbox-at-all variant too', () => {
    const verdict = judgeElectronExit({
      ...base,
      code: 1,
      stderr: '[FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! Update your kernel…',
    });
    expect(verdict.exitCode).toBe(1);
    expect(verdict.message).toMatch(/sandbox could not start/);
  });

  it.each([
    ['a crash by signal', { code: null, signal: 'SIGSEGV' as const }, 128 + 11],
    ['a non-zero exit', { code: 3, signal: null }, 3],
  ])('fails on %s, quoting Electron’s last words', (_label, how, exitCode) => {
    const verdict = judgeElectronExit({ ...base, ...how, stderr: 'line 1\nGPU process died\n' });
    expect(verdict.exitCode).toBe(exitCode);
    expect(verdict.message).toMatch(/not a normal end/);
    expect(verdict.message).toMatch(/GPU process died/);
  });

  it('does not blame Electron when the person stopped the launcher', () => {
    expect(judgeElectronExit({ ...base, code: null, signal: 'SIGINT', interrupted: true })).toEqual(
      { exitCode: 130 },
    );
  });

  it('keeps only the end of a long stderr', () => {
    const tail = createTail(10);
    tail.push('0123456789');
    tail.push('abc');
    expect(tail.text()).toBe('3456789abc');
  });
});

describe('npm start with an Electron that aborts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aislecast-launcher-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function launch(script: string) {
    const fake = join(dir, 'electron');
    await writeFile(fake, `#!/bin/sh\n${script}\n`);
    await chmod(fake, 0o755);
    const child = spawn(process.execPath, [join(root, 'src-main/launcher/start.ts')], {
      env: { ...process.env, AISLECAST_ELECTRON: fake, ELECTRON_RENDERER_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    return { code, output };
  }

  it.skipIf(process.platform !== 'linux')(
    'exits non-zero and says what to do when the sandbox check aborts',
    async () => {
      const result = await launch(`printf '%s' "${sandboxAbort.trim()}" >&2; kill -TRAP $$`);
      expect(result.code).toBe(133);
      expect(result.output).toMatch(/SUID sandbox helper/);
      expect(result.output).toMatch(/sandbox could not start/);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'starts Electron without ELECTRON_RENDERER_URL and passes a clean exit through',
    async () => {
      const result = await launch(
        'if [ "${ELECTRON_RENDERER_URL+set}" = set ]; then echo "renderer url set"; exit 7; fi; exit 0',
      );
      expect(result).toEqual({ code: 0, output: '' });
    },
  );
});

describe('knowing before the start that the sandbox will be refused', () => {
  const setuidRoot = { uid: 0, mode: 0o104755 };
  it('is so where user namespaces are restricted and the helper is not setuid root', () => {
    expect(sandboxBlocked('1\n', undefined)).toBe(true);
    expect(sandboxBlocked('1', { uid: 1000, mode: 0o100755 })).toBe(true);
    expect(sandboxBlocked('1', { uid: 0, mode: 0o100755 })).toBe(true);
    expect(sandboxBlocked('1', setuidRoot)).toBe(false);
    expect(sandboxBlocked('0', undefined)).toBe(false);
    expect(sandboxBlocked(undefined, undefined)).toBe(false);
  });

  it('reads a bare SIGTRAP there as the sandbox abort, whatever Chromium printed', () => {
    const exit = { code: null, signal: 'SIGTRAP', stderr: 'Trace/breakpoint trap' } as const;
    const known = judgeElectronExit({ ...exit, platform: 'linux', sandboxBlocked: true });
    expect(known.message).toMatch(/sandbox could not start/);
    const unknown = judgeElectronExit({ ...exit, platform: 'linux', sandboxBlocked: false });
    expect(unknown.message).toMatch(/not a normal end/);
    expect(unknown.exitCode).toBe(133);
  });
});
