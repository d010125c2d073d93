import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { electronPathFromOutput, electronPathMarker, sandboxBlocked } from './electron-exit.ts';

const root = resolve(import.meta.dirname, '../..');
const defaultName: Record<string, string> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/**
 * Finds an Electron executable without loading the `electron` package (whose entry point
 * starts a download when the binary is missing). `AISLECAST_ELECTRON` wins, then
 * `ELECTRON_OVERRIDE_DIST_PATH`, then a binary the electron package already fetched.
 */
export function findElectronBinary(): { path?: string; reason?: string } {
  const explicit = process.env.AISLECAST_ELECTRON;
  if (explicit) {
    return existsSync(explicit)
      ? { path: explicit }
      : { reason: `AISLECAST_ELECTRON=${explicit} does not exist` };
  }
  const pathFile = join(root, 'node_modules/electron/path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (defaultName[process.platform] ?? 'electron');
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'node_modules/electron/dist');
  const candidate = join(dist, relative);
  if (existsSync(candidate)) return { path: candidate };
  return {
    reason:
      `no Electron binary at ${candidate}. This machine cannot download it; run ` +
      '`npx install-electron --no` where GitHub is reachable, or set AISLECAST_ELECTRON / ELECTRON_OVERRIDE_DIST_PATH.',
  };
}

export interface FetchedElectron {
  path?: string;
  /** The downloader's first error line, when the download failed. */
  reason?: string;
}

/**
 * Loads the `electron` package in a child process, which downloads the binary when it is
 * missing and then yields its path. The package prints "Downloading Electron binary..." and the
 * downloader's progress on the same stdout, so the path is printed behind a marker.
 */
export function fetchElectron(cwd = root): FetchedElectron {
  const probe = `process.stdout.write("\\n${electronPathMarker}" + require("electron") + "\\n")`;
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const path = electronPathFromOutput(result.stdout ?? '');
  if (result.status === 0 && path && existsSync(path)) return { path };
  // The downloader's own stack traces say little to a person; its first error line is enough.
  const reason = result.stderr
    ?.split('\n')
    .find((line) => /error/i.test(line))
    ?.trim();
  return { reason };
}

/** Where Chromium's setuid sandbox helper sits next to a Linux Electron binary. */
export function sandboxHelperOf(binary: string): string {
  return join(dirname(binary), 'chrome-sandbox');
}

/** Whether this Linux will refuse Chromium's sandbox to `binary` (see `sandboxBlocked`). */
export function sandboxBlockedFor(binary: string): boolean {
  if (process.platform !== 'linux') return false;
  let restrict: string | undefined;
  let helper: { uid: number; mode: number } | undefined;
  try {
    restrict = readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8');
  } catch {
    return false; // No such restriction on this kernel.
  }
  try {
    helper = statSync(sandboxHelperOf(binary));
  } catch {
    helper = undefined;
  }
  return sandboxBlocked(restrict, helper);
}
