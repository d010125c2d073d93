// `npm run host`: the app's real services in Node, its renderer in any browser on loopback.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './host.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'user-data': {
      type: 'string',
      default: resolve(import.meta.dirname, '../../.cache/host-profile'),
    },
    quiet: { type: 'boolean', default: false },
  },
});

const host = await startBrowserHost({
  userDataDir: resolve(values['user-data']),
  port: Number(values.port),
  logToConsole: !values.quiet,
});
console.log(`Aislecast browser host: serving on ${host.url}`);
console.log(`User data: ${resolve(values['user-data'])} (Ctrl+C to stop)`);

const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
