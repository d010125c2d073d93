import { parseArgs } from 'node:util';
import { startSandbox, type SandboxOptions } from './index.ts';

/**
 * `npm run sandbox`: starts the sandbox, prints one JSON line (base URLs and demo credentials),
 * and runs until SIGINT or SIGTERM.
 */
const usage = `Usage: npm run sandbox -- [--seed N] [--tracks N] [--stores N]
       [--queye-port P] [--musique-port P] [--envelope]`;

function integerFlag(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw))
    throw new Error(`--${name} takes a whole number`);
  return Number(raw);
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    const { values } = parseArgs({
      options: {
        seed: { type: 'string' },
        tracks: { type: 'string' },
        stores: { type: 'string' },
        'queye-port': { type: 'string' },
        'musique-port': { type: 'string' },
        envelope: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    const flag = (name: string) => integerFlag(values, name);
    const seed = flag('seed');
    const tracks = flag('tracks');
    const stores = flag('stores');
    const queyePort = flag('queye-port');
    const musiquePort = flag('musique-port');
    options = {
      ...(seed !== undefined ? { seed } : {}),
      ...(tracks !== undefined ? { tracks } : {}),
      ...(stores !== undefined ? { stores } : {}),
      ...(queyePort !== undefined ? { queyePort } : {}),
      ...(musiquePort !== undefined ? { musiquePort } : {}),
      ...(values.envelope ? { envelope: true } : {}),
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exitCode = 2;
    return;
  }

  const sandbox = await startSandbox(options);
  process.stdout.write(
    `${JSON.stringify({
      queye: sandbox.queye,
      musique: sandbox.musique,
      credentials: sandbox.credentials,
      seed: sandbox.seed,
      stores: sandbox.stores.length,
      startupMs: sandbox.startupMs,
    })}\n`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
