import type { AppInfo } from '../../../src-preload/contract/schemas/app.ts';
import type { Handlers } from '../core/router.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';

type AppCall = 'app.info' | 'app.ping' | 'app.damagedFiles' | 'app.dismissDamagedFile';

export function appHandlers(info: AppInfo, damagedFiles: DamagedFiles): Pick<Handlers, AppCall> {
  return {
    'app.info': () => info,
    'app.ping': (args) => ({
      pong: true,
      ...(args?.echo !== undefined ? { echo: args.echo } : {}),
      at: new Date().toISOString(),
    }),
    'app.damagedFiles': () => damagedFiles.list(),
    'app.dismissDamagedFile': ({ id }) => damagedFiles.dismiss(id),
  };
}
