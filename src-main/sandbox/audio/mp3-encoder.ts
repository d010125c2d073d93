import { Mp3Encoder } from '@breezystack/lamejs';
import { timeSlicer } from './time-slices.ts';

/**
 * MP3-encodes mono PCM with lamejs (CBR). Pure-JS encoding runs at roughly 50× real time here,
 * so the work is cut into time slices (see `timeSlicer`).
 */
export async function encodeMp3(
  pcm: Int16Array,
  options: { sampleRate: number; kbps: number; signal?: AbortSignal },
): Promise<Buffer> {
  const encoder = new Mp3Encoder(1, options.sampleRate, options.kbps);
  const parts: Buffer[] = [];
  const pause = timeSlicer(options.signal);
  // Small blocks: the first calls run cold (unoptimised) and must not hog the loop either.
  const block = 1152;
  for (let offset = 0; offset < pcm.length; offset += block) {
    const out = encoder.encodeBuffer(pcm.subarray(offset, offset + block));
    if (out.length > 0) parts.push(Buffer.from(out.buffer, out.byteOffset, out.length));
    await pause();
  }
  const tail = encoder.flush();
  if (tail.length > 0) parts.push(Buffer.from(tail.buffer, tail.byteOffset, tail.length));
  return Buffer.concat(parts);
}
