// A child process of the library benchmarks, so each measurement starts from a fresh process
// (peak RSS is the process's own) and the sandbox never shares an event loop with the client.
// Mode and options arrive as JSON in AISLECAST_BENCH; the result is one JSON line on stdout.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '../../src-preload/contract/define.ts';
import type { LibraryStatus } from '../../src-preload/contract/schemas/library.ts';
import type { CallName } from '../../src-preload/contract/types.ts';
import { createServices } from '../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../src-main/services/runtime/node-runtime.ts';

export interface QueyeTarget {
  baseUrl: string;
  clientKey: string;
  userKey: string;
}

export type WorkerJob =
  | { mode: 'sandbox'; tracks: number }
  | { mode: 'bare'; target: QueyeTarget }
  | { mode: 'app'; target: QueyeTarget; incrementalRuns: number };

const job = JSON.parse(process.env.AISLECAST_BENCH ?? '{}') as WorkerJob;
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function tokenFor(target: QueyeTarget): Promise<string> {
  const response = await fetch(`${target.baseUrl}/auth/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-queye-client-key': target.clientKey },
    body: JSON.stringify({ user_api_key: target.userKey }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The baseline: the same 500 track pages with bare `fetch`, bodies read and thrown away. */
async function bare(target: QueyeTarget) {
  const headers = {
    'x-queye-client-key': target.clientKey,
    authorization: `Bearer ${await tokenFor(target)}`,
  };
  const urls: string[] = [];
  let next: string | null | undefined = undefined;
  // Untimed first pass: learns the cursors (and warms both sides up, as the app's first sync does).
  do {
    const url = new URL(`${target.baseUrl}/library/tracks`);
    url.searchParams.set('limit', '200');
    if (next) url.searchParams.set('cursor', next);
    urls.push(url.href);
    const body = (await (await fetch(url, { headers })).json()) as { next_cursor?: string | null };
    next = body.next_cursor;
  } while (next);
  const started = performance.now();
  for (const url of urls) await (await fetch(url, { headers })).arrayBuffer();
  print({ ms: performance.now() - started, pages: urls.length, peakRssMb: peakRssMb() });
}

/** Waits until the library cache file exists and no temporary file is being written. */
async function cacheWritten(dir: string): Promise<void> {
  for (;;) {
    const names = await readdir(join(dir, 'library')).catch(() => [] as string[]);
    if (
      names.some((name) => name.endsWith('.json')) &&
      !names.some((name) => name.endsWith('.tmp'))
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The app: real services, signed in through the router, the library synced by its engine. */
async function app(target: QueyeTarget, incrementalRuns: number) {
  const dir = await mkdtemp(join(tmpdir(), 'aislecast-bench-sync-'));
  const runtime = createNodeRuntime({ userDataDir: dir, logLevel: 'warn' });
  let requests = 0;
  runtime.config.fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const services = createServices(runtime.config);
  await services.ready;
  const call = async <T>(name: CallName, args?: unknown): Promise<T> => {
    const router = services.router[name] as (
      a: unknown,
      c: { origin: string },
    ) => Promise<Outcome<T>>;
    const outcome = await router(args, { origin: 'bench' });
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
    return outcome.value;
  };
  let settled: ((status: LibraryStatus) => void) | undefined;
  services.events.listen((name, payload) => {
    const status = payload as LibraryStatus;
    if (name === 'library.changed' && status.synced && !status.syncing) settled?.(status);
  });
  const untilSynced = () => new Promise<LibraryStatus>((resolve) => (settled = resolve));

  // First sync on sign-in (a warm-up, like the baseline's first pass), then a timed full sync.
  const first = untilSynced();
  await call('queye.connect', target);
  await first;
  // Steady state: the cache write that follows a sync runs behind it; let it finish first.
  await cacheWritten(dir);
  const full = untilSynced();
  const started = performance.now();
  await call('library.sync', { mode: 'full' });
  const status = await full;
  const fullMs = performance.now() - started;
  if (status.lastError) throw new Error(`sync failed: ${status.lastError.message}`);

  await cacheWritten(dir);
  const incremental: Array<{ ms: number; requests: number }> = [];
  for (let i = 0; i < incrementalRuns; i++) {
    const before = requests;
    const done = untilSynced();
    const t0 = performance.now();
    await call('library.sync');
    await done;
    incremental.push({ ms: performance.now() - t0, requests: requests - before });
  }
  print({ ms: fullMs, tracks: status.trackCount, peakRssMb: peakRssMb(), incremental });
  await services.dispose();
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
}

async function sandbox(tracks: number) {
  // Loaded only here: the sandbox's code is not part of the app, so it must not swell the
  // measured app process (the app's demo mode loads it lazily too).
  const { startSandbox } = await import('../../src-main/sandbox/index.ts');
  const handle = await startSandbox({ tracks, warmAudio: false, audioCacheDir: null });
  print({
    baseUrl: handle.queye.baseUrl,
    clientKey: handle.credentials.queyeClientKey,
    userKey: handle.credentials.queyeUserKey,
  });
  // Runs until the parent closes stdin.
  process.stdin.resume();
  process.stdin.on('end', () => void handle.close().then(() => process.exit(0)));
}

try {
  if (job.mode === 'sandbox') await sandbox(job.tracks);
  else if (job.mode === 'bare') await bare(job.target);
  else if (job.mode === 'app') {
    await app(job.target, job.incrementalRuns);
    process.exit(0);
  } else throw new Error('unknown benchmark job');
} catch (error) {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
}
