// `npm start`: launches the desktop app. Electron fetches its binary on first use; where that
// download is impossible (no access to GitHub), the browser host is started instead so the app
// can still be tried, and the message says so. Any abnormal end of Electron fails the command
// with the reason and what to do.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  fetchElectron,
  findElectronBinary,
  sandboxBlockedFor,
  sandboxHelperOf,
} from './electron-binary.ts';
import { createTail, electronEnv, judgeElectronExit } from './electron-exit.ts';

const root = resolve(import.meta.dirname, '../..');

function obtainElectron(): string | undefined {
  const found = findElectronBinary().path;
  if (found) return found;
  console.log('Aislecast: fetching the Electron binary (first start only)…');
  const fetched = fetchElectron();
  if (!fetched.path && fetched.reason) {
    console.log(`Aislecast: the download did not work (${fetched.reason}).`);
  }
  return fetched.path;
}

const binary = obtainElectron();
if (binary) {
  const blocked = sandboxBlockedFor(binary);
  const child = spawn(binary, [root], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: electronEnv(process.env),
  });
  // Electron's stderr still reaches the terminal; its end is kept to explain a failed start.
  const stderr = createTail();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    process.stderr.write(chunk);
    stderr.push(chunk);
  });
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interrupted = true;
      child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Aislecast: Electron could not be started (${error.message}).`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    const verdict = judgeElectronExit({
      code,
      signal,
      stderr: stderr.text(),
      platform: process.platform,
      sandboxHelper: sandboxHelperOf(binary),
      interrupted,
      sandboxBlocked: blocked,
    });
    if (verdict.message) console.error(verdict.message);
    process.exit(verdict.exitCode);
  });
} else {
  console.log(
    'Aislecast: Electron could not be downloaded on this machine, so the same app is served to your browser instead.',
  );
  const { serveFromCommandLine } = await import('../browser-host/serve.ts');
  // Someone at a terminal gets the page opened for them; a script reads the printed address.
  await serveFromCommandLine(process.argv.slice(2), { open: Boolean(process.stdout.isTTY) });
}
