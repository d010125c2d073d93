import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, type ClientFrame } from '../../src-preload/api/ws-protocol.ts';

describe('browser-host wire format', () => {
  it('carries bytes through JSON unchanged', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    const frame: ClientFrame = {
      type: 'call',
      id: 1,
      name: 'x.y',
      args: { chunk: bytes, offset: 5 },
    };
    const decoded = decodeFrame<ClientFrame>(encodeFrame(frame));
    const args = decoded.args as { chunk: Uint8Array; offset: number };
    expect(args.chunk).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(args.chunk).equals(Buffer.from(bytes))).toBe(true);
    expect(args.offset).toBe(5);
  });

  it('leaves look-alike objects with other keys alone', () => {
    const frame: ClientFrame = {
      type: 'call',
      id: 2,
      name: 'x.y',
      args: { $bytes: 'AA==', other: 1 },
    };
    expect(decodeFrame<ClientFrame>(encodeFrame(frame)).args).toEqual({ $bytes: 'AA==', other: 1 });
  });
});
