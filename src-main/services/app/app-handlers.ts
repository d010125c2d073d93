import type { AppInfo } from '../../../src-preload/contract/schemas/app.ts';
import type { HandlersOf } from '../core/feature.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';

export function appHandlers(info: AppInfo, damagedFiles: DamagedFiles): HandlersOf<'app'> {
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
