import type { AppInfo } from '../../../src-preload/contract/schemas/app.ts';
import type { Handlers } from '../core/router.ts';

export function appHandlers(info: AppInfo): Pick<Handlers, 'app.info' | 'app.ping'> {
  return {
    'app.info': () => info,
    'app.ping': (args) => ({
      pong: true,
      ...(args?.echo !== undefined ? { echo: args.echo } : {}),
      at: new Date().toISOString(),
    }),
  };
}
