import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
