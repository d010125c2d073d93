import type { HandlersOf } from '../core/feature.ts';
import type { ConnectionMonitor } from './connection-monitor.ts';

export function connectionHandlers(monitor: ConnectionMonitor): HandlersOf<'connection'> {
  return {
    'connection.status': () => monitor.status(),
    'connection.check': () => monitor.check(),
  };
}
