/**
 * Building blocks of the IPC contract. Everything here is plain data and types so the
 * preload, main, the renderer and the browser host can all share it.
 */
import type { z } from 'zod';

declare const resultBrand: unique symbol;
declare const payloadBrand: unique symbol;

/** Phantom marker carrying a call's result type; no runtime validation of trusted output. */
export interface Returns<R> {
  readonly [resultBrand]?: R;
}
export const returns = <R>(): Returns<R> => ({});

export interface CallSpec<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly args: A;
  readonly result: Returns<R>;
}

/** Declares one call: its argument schema (validated in main) and its result type. */
export const call = <A extends z.ZodType, R>(args: A, result: Returns<R>): CallSpec<A, R> => ({
  args,
  result,
});

/** Phantom marker carrying an event's payload type. Events flow main → renderer only. */
export interface EventSpec<P = unknown> {
  readonly [payloadBrand]?: P;
}
export const event = <P>(): EventSpec<P> => ({});

/**
 * What every user-facing error carries. `message` says what happened, `action` what to do
 * next, `requestId` what to quote to support (the upstream's X-Request-Id, or a local
 * reference that also appears in the log).
 */
export interface ApiErrorShape {
  code: string;
  message: string;
  action?: string;
  requestId?: string;
  status?: number;
  service?: 'app' | 'queye' | 'musique';
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

/** Calls never throw across the bridge: they resolve to an outcome. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: ApiErrorShape };

export const ipcChannel = {
  call: (name: string): string => `aislecast:call:${name}`,
  event: (name: string): string => `aislecast:event:${name}`,
};
