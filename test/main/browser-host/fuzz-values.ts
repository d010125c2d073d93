// Seeded random values for the transport fuzz test: everything JSON and structured clone can
// carry, shaped now and then like a call's own arguments (its keys, wrong values) so the
// checks beyond the first are reached too.

export interface Fuzzer {
  /** Arguments for a call whose schema is `schema`: mostly wrong, sometimes nearly right. */
  argsFor(schema: unknown): unknown;
  value(depth?: number): unknown;
  string(): string;
  /** A WebSocket text frame that is not a call. */
  garbageFrame(): string;
}

/** mulberry32: tiny, fast and good enough to pick test values. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const strings = [
  '',
  ' ',
  'a',
  '__proto__',
  'constructor',
  'http://evil.example/',
  'javascript:alert(1)',
  '../../etc/passwd',
  'upl_0123456789abcdef',
  'qm_user_0123456789abcdef0123456789abcdef',
  '\u0000\u0001\u001f',
  '\ud800',
  '😀'.repeat(50),
  'x'.repeat(5000),
  '1e309',
  'null',
  'dark',
  'off',
];
const numbers = [
  0,
  -0,
  1,
  -1,
  0.5,
  42,
  86_401,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const hostileKeys = ['__proto__', 'constructor', 'prototype', 'then', 'toJSON', 'valueOf'];

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

export function createFuzzer(seed: number): Fuzzer {
  const next = random(seed);
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

  const string = () =>
    next() < 0.7
      ? pick(strings)
      : Array.from({ length: int(40) }, () => String.fromCharCode(int(0x3000))).join('');

  const value = (depth = 0): unknown => {
    const roll = int(depth > 2 ? 6 : 9);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return undefined;
      case 2:
        return next() < 0.5;
      case 3:
        return next() < 0.5 ? pick(numbers) : (next() - 0.5) * 10 ** int(20);
      case 4:
      case 5:
        return string();
      case 6:
        return Array.from({ length: int(6) }, () => value(depth + 1));
      case 7: {
        const record: Record<string, unknown> = {};
        for (let i = int(5); i > 0; i--) {
          const key = next() < 0.3 ? pick(hostileKeys) : string().slice(0, 20);
          Object.defineProperty(record, key, {
            value: value(depth + 1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return record;
      }
      default:
        return new Uint8Array(int(3) === 0 ? 0 : int(2048)).map(() => int(256));
    }
  };

  const argsFor = (schema: unknown): unknown => {
    const keys = shapeKeys(schema);
    if (keys.length === 0 || next() < 0.4) return value();
    // The call's own keys with wrong (or, by chance, right) values, sometimes one too many.
    const record: Record<string, unknown> = {};
    for (const key of keys) if (next() < 0.85) record[key] = value(1);
    if (next() < 0.2) record[pick(hostileKeys)] = value(1);
    return record;
  };

  const garbageFrame = (): string => {
    switch (int(7)) {
      case 0:
        return string() || 'x';
      case 1:
        return JSON.stringify(value());
      case 2:
        return JSON.stringify({ type: 'call', id: string(), name: 'app.ping' });
      case 3:
        return JSON.stringify({ type: pick(['result', 'event', 'CALL', '']), id: int(1000) });
      case 4:
        return `{"type":"call","id":${int(1000)},"name":`;
      case 5:
        return JSON.stringify({ type: 'call', id: 1.5, name: 'app.ping' });
      default:
        return JSON.stringify([{ type: 'call', id: 1, name: 'app.ping' }]);
    }
  };

  return { argsFor, value, string, garbageFrame };
}
