/** Frames exchanged between the browser host and its injected bridge. */
import type { Outcome } from '../contract/define.ts';

export type ClientFrame = { type: 'call'; id: number; name: string; args?: unknown };

export type ServerFrame =
  | { type: 'result'; id: number; outcome: Outcome<unknown> }
  | { type: 'event'; name: string; payload: unknown };
