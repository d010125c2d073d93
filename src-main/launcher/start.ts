// `npm start`: launches the desktop app. Electron fetches its binary on first use; where that
// download is impossible (no access to GitHub), the browser host is started instead so the app
// can still be tried, and the message says so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findElectronBinary } from './electron-binary.ts';

const root = resolve(import.meta.dirname, '../..');

function fetchElectron(): string | undefined {
  console.log('Aislecast: fetching the Electron binary (first start only)…');
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const path = result.stdout?.trim();
  if (result.status === 0 && path && existsSync(path)) return path;
  // The downloader's own stack traces say little to a person; its first error line is enough.
  const reason = result.stderr
    ?.split('\n')
    .find((line) => /error/i.test(line))
    ?.trim();
  if (reason) console.log(`Aislecast: the download did not work (${reason}).`);
  return undefined;
}

const binary = findElectronBinary().path ?? fetchElectron();
if (binary) {
  const child = spawn(binary, [root], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Aislecast: Electron could not be downloaded on this machine, so the same app is served to your browser instead.',
  );
  await import('../browser-host/cli.ts');
}
