/** Types derived from the contract; nothing here is written by hand per call. */
import type { z } from 'zod';
import type { calls, events, mediaKinds } from './contract.ts';
import type { Outcome, Returns, EventSpec } from './define.ts';

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = Extract<keyof Calls, string>;
export type EventName = Extract<keyof Events, string>;
export type MediaKind = (typeof mediaKinds)[number];

/** What a caller passes (before parsing). */
export type ArgsOf<K extends CallName> = z.input<Calls[K]['args']>;
/** What a handler receives (after validation and transforms). */
export type ParsedArgsOf<K extends CallName> = z.output<Calls[K]['args']>;
export type ResultOf<K extends CallName> = Calls[K]['result'] extends Returns<infer R> ? R : never;
export type PayloadOf<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

type NamespaceOf<K> = K extends `${infer N}.${string}` ? N : never;
export type Namespace = NamespaceOf<CallName>;

export type CallFn<K extends CallName> =
  undefined extends ArgsOf<K>
    ? (args?: ArgsOf<K>) => Promise<Outcome<ResultOf<K>>>
    : (args: ArgsOf<K>) => Promise<Outcome<ResultOf<K>>>;

/** `window.aislecast`: one object per namespace with one function per call. */
export type BridgeApi = {
  readonly [N in Namespace]: {
    readonly [K in CallName as K extends `${N}.${infer M}` ? M : never]: CallFn<K>;
  };
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  readonly on: <E extends EventName>(
    name: E,
    listener: (payload: PayloadOf<E>) => void,
  ) => () => void;
  /** A stable URL the audio element can play; main resolves tokens behind it. */
  readonly mediaUrl: (kind: MediaKind, id: string | number) => string;
};

/** How a bridge reaches main: IPC in Electron, a WebSocket in the browser host. */
export interface BridgeTransport {
  invoke(name: CallName, args: unknown): Promise<Outcome<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}
