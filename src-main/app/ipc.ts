import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { calls } from '../../src-preload/contract/contract.ts';
import { ipcChannel, type Outcome } from '../../src-preload/contract/define.ts';
import type { CallName } from '../../src-preload/contract/types.ts';
import type { Router } from '../services/core/router.ts';
import type { Logger } from '../services/log/logger.ts';
import { isTrustedSender, type TrustedOrigins } from '../services/security/origin.ts';

const forbidden: Outcome<never> = {
  ok: false,
  error: {
    code: 'forbidden_origin',
    service: 'app',
    message: 'This request did not come from the Aislecast window and was refused.',
    action: 'Close any unexpected windows and restart Aislecast.',
  },
};

/** Wires every contract call to ipcMain, refusing frames that are not our renderer. */
export function registerRouter(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  router: Router,
  trusted: TrustedOrigins,
  log: Logger,
): () => void {
  const names = Object.keys(calls) as CallName[];
  for (const name of names) {
    const handler = router[name] as (args: unknown, ctx: { origin: string }) => Promise<unknown>;
    ipcMain.handle(ipcChannel.call(name), (event: IpcMainInvokeEvent, args: unknown) => {
      const frameUrl = event.senderFrame?.url;
      if (!isTrustedSender(frameUrl, trusted)) {
        log.warn(
          { call: name, frame: frameUrl?.slice(0, 200) },
          'refused call from untrusted frame',
        );
        return forbidden;
      }
      return handler(args, { origin: new URL(frameUrl!).host });
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(ipcChannel.call(name));
  };
}
