import type { ApiErrorShape } from '../define.ts';

export type ConnectionState =
  | 'not-configured'
  | 'checking'
  | 'online'
  | 'degraded'
  | 'offline'
  | 'signed-out'
  | 'awaiting-approval'
  | 'error';

export interface ServiceConnection {
  state: ConnectionState;
  demo: boolean;
  /** Short human summary, e.g. "Connected as u_123" or "Health: degraded (messaging)". */
  detail?: string;
  checkedAt?: string;
  error?: ApiErrorShape;
}

export interface ConnectionStatus {
  queye: ServiceConnection;
  musique: ServiceConnection;
}
