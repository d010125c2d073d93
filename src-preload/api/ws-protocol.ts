/** Frames exchanged between the browser host and its injected bridge. */
import type { Outcome } from '../contract/define.ts';

export type ClientFrame = { type: 'call'; id: number; name: string; args?: unknown };

export type ServerFrame =
  | { type: 'result'; id: number; outcome: Outcome<unknown> }
  | { type: 'event'; name: string; payload: unknown };

/*
 * IPC carries binary (Uint8Array) natively through structured clone; JSON does not. Bytes are
 * tagged as `{"$bytes": "<base64>"}` on the wire so calls that move file chunks behave the same
 * over the browser host's WebSocket as over IPC.
 */
const tag = '$bytes';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeFrame(frame: ClientFrame | ServerFrame): string {
  return JSON.stringify(frame, (_key, value: unknown) =>
    value instanceof Uint8Array ? { [tag]: toBase64(value) } : value,
  );
}

export function decodeFrame<T extends ClientFrame | ServerFrame>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length === 1 && keys[0] === tag && typeof record[tag] === 'string') {
        return fromBase64(record[tag]);
      }
    }
    return value;
  }) as T;
}
