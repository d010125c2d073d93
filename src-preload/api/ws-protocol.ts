/** Frames exchanged between the browser host and its injected bridge. */
import type { ApiErrorShape, Outcome } from '../contract/define.ts';

export type ClientFrame = { type: 'call'; id: number; name: string; args?: unknown };

export type ServerFrame =
  | { type: 'result'; id: number; outcome: Outcome<unknown> }
  | { type: 'event'; name: string; payload: unknown }
  /** A frame the host could not read as a call; `id` when one could be read. */
  | { type: 'refused'; id?: number; error: ApiErrorShape };

/**
 * The largest frame either side sends, in UTF-8 bytes. The largest contract-valid call is a
 * `player.saveQueue` of 200,000 IDs of up to 16 digits with its shuffle order (about 5 MB as
 * JSON); an upload chunk of 1 MiB is about 1.4 MB in base64. 16 MiB leaves room for both and
 * keeps one frame far from what would strain the host. The bridge refuses larger calls before
 * sending; the host closes a connection that sends one anyway (close code 1009).
 */
export const maxFrameBytes = 16 * 1024 * 1024;

/** WebSocket close code for "message too big" (RFC 6455). */
export const frameTooBigCloseCode = 1009;

export function frameTooLarge(name?: string): ApiErrorShape {
  return {
    code: 'frame_too_large',
    service: 'app',
    message: `The request${name ? ` "${name}"` : ''} is larger than the ${maxFrameBytes / 1024 / 1024} MB a single call may carry and was not sent.`,
    action: 'Try again with less at once (fewer tracks, a smaller selection).',
  };
}

export function malformedFrame(): ApiErrorShape {
  return {
    code: 'malformed_frame',
    service: 'app',
    message: 'The Aislecast host received a message it could not read as a call.',
    action: 'Reload the page. If it keeps happening, send the log file.',
  };
}

/** The UTF-8 size of a frame, counted only when its length alone cannot settle the limit. */
export function exceedsFrameLimit(text: string, limit = maxFrameBytes): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).byteLength > limit;
}

/*
 * IPC carries binary (Uint8Array) natively through structured clone; JSON does not. Bytes are
 * tagged as `{"$bytes": "<base64>"}` on the wire so calls that move file chunks behave the same
 * over the browser host's WebSocket as over IPC.
 */
const tag = '$bytes';

// Node's Buffer (the browser host's side) encodes base64 natively, many times faster.
const NodeBuffer = (
  globalThis as {
    Buffer?: { from(b: ArrayBufferLike, o: number, l: number): { toString(e: 'base64'): string } };
  }
).Buffer;

function toBase64(bytes: Uint8Array): string {
  if (NodeBuffer)
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

// Newer engines decode base64 natively (Chromium does; Node 22 does not yet).
const nativeFromBase64 = (
  Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }
).fromBase64?.bind(Uint8Array);

function fromBase64(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * `value` with every Uint8Array replaced by its tag, copying only the objects and arrays on the
 * way to one. A replacer function would do the same, but it takes `JSON.stringify` off its fast
 * path: a 100,000-track library snapshot then took half a second to encode instead of a tenth.
 */
function tagBytes(value: unknown): unknown {
  // `isView` reads the internal slot: an object merely given Uint8Array's prototype (a hostile
  // `__proto__` key) is not bytes and is encoded as the plain object it is.
  if (value instanceof Uint8Array && ArrayBuffer.isView(value)) return { [tag]: toBase64(value) };
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const tagged = tagBytes(item);
      if (tagged !== item) (copy ??= value.slice())[i] = tagged;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === null || typeof item !== 'object') continue;
    const tagged = tagBytes(item);
    if (tagged !== item) (copy ??= { ...record })[key] = tagged;
  }
  return copy ?? value;
}

export function encodeFrame(frame: ClientFrame | ServerFrame): string {
  return JSON.stringify(tagBytes(frame));
}

/** `value` with every byte tag turned back into a Uint8Array, in place. */
function untagBytes(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = untagBytes(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === tag && typeof record[tag] === 'string') {
    return fromBase64(record[tag]);
  }
  for (const key of keys) {
    const item = record[key];
    if (item !== null && typeof item === 'object') record[key] = untagBytes(item);
  }
  return value;
}

export function decodeFrame<T extends ClientFrame | ServerFrame>(text: string): T {
  // A reviver would be called for every value of a 100,000-track snapshot; a walk afterwards
  // visits only objects, and none at all when no bytes were sent.
  const frame: unknown = JSON.parse(text);
  return (text.includes(`"${tag}"`) ? untagBytes(frame) : frame) as T;
}
