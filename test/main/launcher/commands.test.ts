import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const require = createRequire(import.meta.url);
// npm's own range implementation (installed with the toolchain) is the referee here.
const semver = require('semver') as { satisfies(version: string, range: string): boolean };

/** The bootstrap's own verdict (`.ci/lib.sh`), run the way the scripts run it. */
function bootstrapAccepts(versions: string[]): Record<string, boolean> {
  const script = `. .ci/lib.sh; for v in ${versions.join(' ')}; do if ci_node_satisfies "$v"; then echo "$v yes"; else echo "$v no"; fi; done`;
  const output = execFileSync('bash', ['-c', script], { cwd: root, encoding: 'utf8' });
  const verdicts: Record<string, boolean> = {};
  for (const line of output.trim().split('\n')) {
    const [version = '', verdict] = line.split(' ');
    verdicts[version] = verdict === 'yes';
  }
  return verdicts;
}

const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

/** The fenced block of the README's "Two commands" section, one command per line. */
function readmeCommands(): string[] {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Two commands'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

/** The smallest version of each `||` branch of a range such as `^22.22.2 || >=26`. */
function lowerBounds(range: string): string[] {
  return range.split('||').map((part) => {
    const [major = '0', minor = '0', patch = '0'] = part
      .trim()
      .replace(/^(\^|>=)/, '')
      .split('.');
    return `${major}.${minor}.${patch}`;
  });
}

describe('the README’s two commands', () => {
  it('prints exactly two commands: one that starts the app, one that runs every test', () => {
    expect(readmeCommands()).toEqual(['bash .ci/start', 'bash .ci/test']);
    for (const script of ['.ci/start', '.ci/test', '.ci/run']) {
      expect(() => accessSync(resolve(root, script), constants.X_OK)).not.toThrow();
    }
  });

  it('is what CI runs: .ci/run ends with the README’s test command, unchanged', () => {
    const lines = read('.ci/run')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(lines.at(-1)).toBe(readmeCommands()[1]);
  });

  it('installs through npm ci and runs npm test / npm start after providing Node', () => {
    const test = read('.ci/test');
    expect(test.indexOf('ci_use_node')).toBeLessThan(test.indexOf('ci_install\n'));
    expect(test).toMatch(/ci_chromium/);
    expect(test.trim().endsWith('npm test')).toBe(true);
    expect(read('.ci/start')).toMatch(/exec npm start/);
    expect(read('.ci/lib.sh')).toMatch(/apt-get update[\s\S]*apt-get install -y -qq chromium/);
  });
});

describe('the Node version', () => {
  const lockedRanges = Object.entries(lock.packages)
    .map(([name, entry]) => ({
      name,
      range: !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node,
    }))
    .filter((item): item is { name: string; range: string } => Boolean(item.range));

  it('engines admits no version that a locked package refuses', () => {
    expect(lockedRanges.length).toBeGreaterThan(10);
    for (const version of lowerBounds(pkg.engines.node)) {
      const refusing = lockedRanges.filter((item) => !semver.satisfies(version, item.range));
      expect({ version, refusing }).toEqual({ version, refusing: [] });
    }
  });

  it('engines is new enough to run TypeScript files directly (node file.ts needs 22.18)', () => {
    for (const version of ['22.12.0', '22.17.1']) {
      expect(semver.satisfies(version, pkg.engines.node)).toBe(false);
    }
  });

  it('.nvmrc names an exact version inside engines, which the bootstrap fetches', () => {
    const nvmrc = read('.nvmrc').trim();
    expect(nvmrc).toMatch(/^\d+\.\d+\.\d+$/);
    expect(semver.satisfies(nvmrc, pkg.engines.node)).toBe(true);
    expect(read('.ci/lib.sh')).toMatch(/wanted="\$\(tr -d '\[:space:\]' < \.nvmrc\)"/);
  });

  it('the bootstrap reads engines and judges versions as npm does', () => {
    const versions = ['20.20.0', '22.12.0', '22.18.0', '22.22.1', '22.22.2', '22.23.3', '23.11.0'];
    versions.push('24.14.9', '24.15.0', '25.0.0', '26.0.0', '27.3.1');
    expect(bootstrapAccepts(versions)).toEqual(
      Object.fromEntries(versions.map((v) => [v, semver.satisfies(v, pkg.engines.node)])),
    );
  });
});

describe('providing Chromium for the end-to-end tests', () => {
  let bin: string;
  beforeEach(async () => {
    bin = await mkdtemp(join(tmpdir(), 'aislecast-ci-'));
    // Stand-ins that record how they were called instead of touching the system.
    for (const tool of ['apt-get', 'sudo']) {
      const body =
        tool === 'sudo' ? 'echo "sudo $*" >> "$LOG"; "$@"' : 'echo "apt-get $*" >> "$LOG"';
      await writeFile(join(bin, tool), `#!/bin/sh\n${body}\n`);
      await chmod(join(bin, tool), 0o755);
    }
  });
  afterEach(() => rm(bin, { recursive: true, force: true }));

  function runChromiumStep(env: Record<string, string> = {}): string[] {
    const log = join(bin, 'calls.log');
    execFileSync(
      'bash',
      ['-c', `. .ci/lib.sh; ci_chromium_candidates=("${bin}/no-chromium"); ci_chromium`],
      {
        cwd: root,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LOG: log, ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  }

  it('updates the package lists, then installs Debian’s chromium, when none is found', () => {
    const calls = runChromiumStep().filter((line) => line.startsWith('apt-get'));
    expect(calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium']);
  });

  it('installs nothing when AISLECAST_CHROMIUM names one', () => {
    expect(runChromiumStep({ AISLECAST_CHROMIUM: '/opt/chrome' })).toEqual([]);
  });

  it('looks where the end-to-end tests look', () => {
    const support = read('test/e2e/support/browser.ts');
    const lib = read('.ci/lib.sh');
    for (const path of support.match(/'(\/[^']+)'/g) ?? []) {
      expect(lib).toContain(path.slice(1, -1));
    }
  });
});
