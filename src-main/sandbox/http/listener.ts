import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listener {
  readonly port: number;
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * An HTTP listener on 127.0.0.1 only: the sandbox holds demo credentials and a control surface,
 * so it must never be reachable from the network.
 */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
): Promise<Listener> {
  const server = createServer({ keepAliveTimeout: 5_000 }, handler);
  // Handling `checkContinue` ourselves means no automatic `100 Continue`: an upload that is too
  // large is refused before the client sends its body.
  server.on('checkContinue', handler);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    origin: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
