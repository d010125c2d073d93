import type { BrowserWindow } from 'electron';
import { ipcChannel } from '../../src-preload/contract/define.ts';
import type { EventBus } from '../services/core/events.ts';
import type { Logger } from '../services/log/logger.ts';

/**
 * Pushes every service event to every open window. `webContents.send` structured-clones its
 * payload and throws on what cannot be cloned (a function, a class with private state); that
 * throw would otherwise surface inside whichever service emitted, mid-operation. It is caught
 * per window, logged once per event name, and the other listeners still run.
 */
export function forwardEvents(
  events: Pick<EventBus, 'listen'>,
  windows: Pick<typeof BrowserWindow, 'getAllWindows'>,
  log: Logger,
): () => void {
  const reported = new Set<string>();
  return events.listen((name, payload) => {
    for (const window of windows.getAllWindows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      try {
        window.webContents.send(ipcChannel.event(name), payload);
      } catch (error) {
        if (reported.has(name)) continue;
        reported.add(name);
        log.error({ event: name, err: error }, 'an event could not be sent to the window');
      }
    }
  });
}
