import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  generateMp3,
  generateWav,
  startSandbox,
  type GenerateAudioOptions,
  type SandboxHandle,
  type SandboxOptions,
} from '../../src-main/sandbox/index.ts';

export type { SandboxHandle, SandboxOptions };

/**
 * Test defaults: no eager audio warm-up (a stream encodes only the piece it needs, and the
 * on-disk cache makes that a file read after the first run), so parallel test files do not
 * compete for the CPU.
 */
export function startTestSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ warmAudio: false, ...options });
}

/**
 * One sandbox for the current `describe` (or file): started before its tests, closed after.
 * Call at collection time; call the returned getter inside tests.
 */
export function useSandbox(options: SandboxOptions = {}): () => SandboxHandle {
  let sandbox: SandboxHandle | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('useSandbox(): the sandbox is not started yet');
    return sandbox;
  };
}

/** Runs `fn` against a fresh sandbox on free ports, closing it however `fn` ends. */
export async function withSandbox<T>(
  fn: (sandbox: SandboxHandle) => Promise<T>,
  options: SandboxOptions = {},
): Promise<T> {
  const sandbox = await startTestSandbox(options);
  try {
    return await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

/** Headers for a Queye call as the demo app (client key, and a bearer token when given). */
export function queyeHeaders(sandbox: SandboxHandle, accessToken?: string): Record<string, string> {
  return {
    'x-queye-client-key': sandbox.credentials.queyeClientKey,
    ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
  };
}

/** A fresh access token of the demo user, straight from the sandbox (no HTTP). */
export function demoAccessToken(sandbox: SandboxHandle): string {
  return sandbox.control.issueQueyeTokens().accessToken;
}

/** Headers for a Musique call with the pre-issued demo token (or `token`). */
export function musiqueHeaders(sandbox: SandboxHandle, token?: string): Record<string, string> {
  return { 'x-api-key': token ?? sandbox.credentials.musiqueApiToken };
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** `fetch` and parse the JSON answer (every sandbox answer but a stream is JSON). */
export async function fetchJson<T = Record<string, unknown>>(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    ...(json !== undefined
      ? {
          method: rest.method ?? 'POST',
          body: JSON.stringify(json),
          headers: {
            'content-type': 'application/json',
            ...(rest.headers as Record<string, string>),
          },
        }
      : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

const fixtureDir = join(tmpdir(), 'aislecast-test-fixtures');
const fixtures = new Map<string, Promise<{ path: string; bytes: Buffer }>>();

async function fixture(
  name: string,
  make: () => Promise<Buffer>,
): Promise<{ path: string; bytes: Buffer }> {
  let pending = fixtures.get(name);
  if (!pending) {
    pending = (async () => {
      const bytes = await make();
      await mkdir(fixtureDir, { recursive: true });
      const path = join(fixtureDir, `${process.pid}-${name}`);
      await writeFile(path, bytes);
      return { path, bytes };
    })();
    fixtures.set(name, pending);
  }
  return pending;
}

/**
 * A real MP3 on disk (and in memory), made once per process. Two seeds give two distinct
 * pieces; `{ seconds: 655, kbps: 128 }` is about 10 MB, `{ seconds: 700, kbps: 128 }` over it.
 */
export function mp3Fixture(
  options: GenerateAudioOptions,
  name = `s${options.seconds}-seed${options.seed ?? 1}-${options.kbps ?? 128}k.mp3`,
): Promise<{ path: string; bytes: Buffer }> {
  return fixture(name, () => generateMp3(options));
}

/** A real WAV on disk; give it a misleading `name` such as `jingle.mp3` to test sniffing. */
export function wavFixture(
  options: GenerateAudioOptions,
  name = `s${options.seconds}-seed${options.seed ?? 1}.wav`,
): Promise<{ path: string; bytes: Buffer }> {
  return fixture(name, () => generateWav(options));
}
