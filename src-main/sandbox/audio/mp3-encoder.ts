import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Mp3Encoder } from '@breezystack/lamejs';

/**
 * MP3-encodes mono PCM with lamejs (CBR). Pure-JS encoding runs at roughly 50× real time here,
 * so the work is cut into slices of a few milliseconds with the event loop given back between
 * them: an in-process sandbox keeps the app responsive while it encodes.
 */
export async function encodeMp3(
  pcm: Int16Array,
  options: { sampleRate: number; kbps: number; signal?: AbortSignal },
): Promise<Buffer> {
  const encoder = new Mp3Encoder(1, options.sampleRate, options.kbps);
  const parts: Buffer[] = [];
  const block = 1152 * 4;
  let sliceStart = performance.now();
  for (let offset = 0; offset < pcm.length; offset += block) {
    const out = encoder.encodeBuffer(pcm.subarray(offset, offset + block));
    if (out.length > 0) parts.push(Buffer.from(out.buffer, out.byteOffset, out.length));
    if (performance.now() - sliceStart > 8) {
      options.signal?.throwIfAborted();
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  const tail = encoder.flush();
  if (tail.length > 0) parts.push(Buffer.from(tail.buffer, tail.byteOffset, tail.length));
  return Buffer.concat(parts);
}
