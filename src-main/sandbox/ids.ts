import { randomBytes } from 'node:crypto';
import { alphanumeric } from './data/prng.ts';

/**
 * Unpredictable identifiers for things issued at run time (tokens, request IDs). Seeded data uses
 * the seeded generator instead; secrets never do, so a token cannot be guessed from the seed.
 */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // 248 is the largest multiple of 62 below 256: rejecting the rest keeps the draw unbiased.
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const byte = bytes[i] ?? 255;
    if (byte < 248) out += alphanumeric[byte % 62];
  }
  return out.length === length ? out : out + randomAlphanumeric(length - out.length);
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

export function newRequestId(): string {
  return `req_${randomHex(20)}`;
}
