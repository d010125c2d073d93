import type { Handlers } from '../core/router.ts';
import type { ConnectionMonitor } from './connection-monitor.ts';

export function connectionHandlers(
  monitor: ConnectionMonitor,
): Pick<Handlers, 'connection.status' | 'connection.check'> {
  return {
    'connection.status': () => monitor.status(),
    'connection.check': () => monitor.check(),
  };
}
