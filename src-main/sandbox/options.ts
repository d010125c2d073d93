import type { MusiqueEnvironment } from './data/credentials.ts';

export interface RateLimitOptions {
  perMinute: number;
  perHour: number;
  perDay: number;
  /** Window lengths (default one minute, hour, day); tests shrink them or advance the clock. */
  minuteMs?: number;
  hourMs?: number;
  dayMs?: number;
}

export interface SandboxOptions {
  /** Everything seeded (library, stores, credentials) follows from this. Default 1. */
  seed?: number;
  /** Library size. Default 320; benchmarks use 100,000 (at most 200,000). */
  tracks?: number;
  /** Default: one album per 8 tracks. */
  albums?: number;
  /** Default 10. */
  playlists?: number;
  /** Store network size (External IDs). Default 1,200. */
  stores?: number;
  /** Ports on 127.0.0.1; default 0 (any free port). */
  queyePort?: number;
  musiquePort?: number;
  /** Wrap Musique answers as `{data, timestamp}`. Default false. */
  envelope?: boolean;
  /** Queye access-token lifetime. Default 3600. */
  accessTokenTtlSec?: number;
  /** Queye stream-token lifetime. Default 300. */
  streamTokenTtlSec?: number;
  /** Musique limits per token. Default 100/min, 1,000/h, 10,000/day. */
  rateLimits?: RateLimitOptions;
  /** Environment part of Musique tokens (`demo_<env>_…`). Default `test`. */
  musiqueEnvironment?: MusiqueEnvironment;
  /** Where uploads go. Default: a fresh temporary folder, removed on close. */
  dataDir?: string;
  /** MP3 encodings shared across runs. Default `<tmp>/aislecast-sandbox-audio`; null: none. */
  audioCacheDir?: string | null;
  /** Encode all audio in the background right after start. Default true. */
  warmAudio?: boolean;
}

export interface ResolvedOptions {
  seed: number;
  tracks: number;
  albums: number;
  playlists: number;
  stores: number;
  queyePort: number;
  musiquePort: number;
  envelope: boolean;
  accessTokenTtlSec: number;
  streamTokenTtlSec: number;
  rateLimits: Required<RateLimitOptions>;
  musiqueEnvironment: MusiqueEnvironment;
  dataDir: string | undefined;
  audioCacheDir: string | null | undefined;
  warmAudio: boolean;
}

function integer(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const actual = value ?? fallback;
  if (!Number.isInteger(actual) || actual < min || actual > max) {
    throw new RangeError(`Sandbox option ${name} must be an integer from ${min} to ${max}`);
  }
  return actual;
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const tracks = integer('tracks', options.tracks, 320, 0, 200_000);
  const limits = options.rateLimits;
  const environments: MusiqueEnvironment[] = ['prod', 'dev', 'live', 'test'];
  const environment = options.musiqueEnvironment ?? 'test';
  if (!environments.includes(environment)) {
    throw new RangeError(
      `Sandbox option musiqueEnvironment must be one of ${environments.join(', ')}`,
    );
  }
  return {
    seed: integer('seed', options.seed, 1, 0, 2 ** 32 - 1),
    tracks,
    albums: integer('albums', options.albums, Math.max(1, Math.round(tracks / 8)), 1, 200_000),
    playlists: integer('playlists', options.playlists, 10, 0, 1000),
    stores: integer('stores', options.stores, 1200, 0, 100_000),
    queyePort: integer('queyePort', options.queyePort, 0, 0, 65535),
    musiquePort: integer('musiquePort', options.musiquePort, 0, 0, 65535),
    envelope: options.envelope ?? false,
    accessTokenTtlSec: integer(
      'accessTokenTtlSec',
      options.accessTokenTtlSec,
      3600,
      1,
      86_400 * 365,
    ),
    streamTokenTtlSec: integer(
      'streamTokenTtlSec',
      options.streamTokenTtlSec,
      300,
      1,
      86_400 * 365,
    ),
    rateLimits: {
      perMinute: integer('rateLimits.perMinute', limits?.perMinute, 100, 1, 1e9),
      perHour: integer('rateLimits.perHour', limits?.perHour, 1000, 1, 1e9),
      perDay: integer('rateLimits.perDay', limits?.perDay, 10_000, 1, 1e9),
      minuteMs: integer('rateLimits.minuteMs', limits?.minuteMs, 60_000, 1, 2 ** 40),
      hourMs: integer('rateLimits.hourMs', limits?.hourMs, 3_600_000, 1, 2 ** 40),
      dayMs: integer('rateLimits.dayMs', limits?.dayMs, 86_400_000, 1, 2 ** 40),
    },
    musiqueEnvironment: environment,
    dataDir: options.dataDir,
    audioCacheDir: options.audioCacheDir,
    warmAudio: options.warmAudio ?? true,
  };
}
