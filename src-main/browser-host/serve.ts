// The browser host from a command line (`npm run host`, and `npm start` where Electron cannot
// be had): parse the options, start, print the address with this launch's key, and open it in
// the default browser when asked to.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './host.ts';

/** The command that opens a URL in the default browser on this platform. */
export function openCommand(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // `start` takes its first quoted argument as a window title.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

function openInBrowser(url: string): void {
  const [command, args] = openCommand(process.platform, url);
  try {
    const child = spawn(command, args, {
      stdio: 'ignore',
      detached: true,
      windowsVerbatimArguments: process.platform === 'win32',
    });
    child.on('error', () => console.log('Aislecast: open the address above in your browser.'));
    child.unref();
  } catch {
    console.log('Aislecast: open the address above in your browser.');
  }
}

export async function serveFromCommandLine(
  argv: string[],
  defaults: { open: boolean },
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      'user-data': {
        type: 'string',
        default: resolve(import.meta.dirname, '../../.cache/host-profile'),
      },
      quiet: { type: 'boolean', default: false },
      open: { type: 'boolean', default: defaults.open },
      'no-open': { type: 'boolean', default: false },
    },
  });

  const host = await startBrowserHost({
    userDataDir: resolve(values['user-data']),
    port: Number(values.port),
    logToConsole: !values.quiet,
  });
  console.log(`Aislecast browser host: serving on ${host.url}`);
  console.log('The address carries a key for this launch: only a page opened on it is let in.');
  console.log(`User data: ${resolve(values['user-data'])} (Ctrl+C to stop)`);
  if (values.open && !values['no-open']) openInBrowser(host.url);

  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
