import { ipcChannel, type Outcome } from '../contract/define.ts';
import type { BridgeTransport } from '../contract/types.ts';

/** The slice of Electron's ipcRenderer the transport needs (also what tests fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createIpcTransport(ipc: IpcRendererLike): BridgeTransport {
  return {
    invoke: (name, args) => ipc.invoke(ipcChannel.call(name), args) as Promise<Outcome<unknown>>,
    subscribe(name, listener) {
      const channel = ipcChannel.event(name);
      // The IpcRendererEvent (with its sender and ports) must never reach the page.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}
