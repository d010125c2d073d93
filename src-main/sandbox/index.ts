import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAudioBank } from './audio/audio-bank.ts';
import { createClock } from './clock.ts';
import { createControl, type SandboxControl } from './control/control.ts';
import { controlHandler } from './control/control-routes.ts';
import { createFaultRegistry } from './control/faults.ts';
import { createRequestLog } from './control/request-log.ts';
import { deriveCredentials, type DemoCredentials } from './data/credentials.ts';
import { generateLibrary } from './data/library.ts';
import { generateStores, type Store } from './data/stores.ts';
import { listenOnLoopback, type Listener } from './http/listener.ts';
import { createPipeline, type PipelineDeps, type ServiceDefinition } from './http/pipeline.ts';
import { musiqueService } from './musique/service.ts';
import { createMusiqueState } from './musique/state.ts';
import type { MusiqueRuntime } from './musique/runtime.ts';
import { resolveOptions, type SandboxOptions } from './options.ts';
import { queyeService } from './queye/service.ts';
import { createQueyeState } from './queye/state.ts';
import type { QueyeRuntime } from './queye/runtime.ts';

export type { SandboxOptions, RateLimitOptions } from './options.ts';
export type { SandboxControl, IssuedQueyeTokens } from './control/control.ts';
export type { FaultSpec, FaultState, FaultKind } from './control/faults.ts';
export type { DemoCredentials, MusiqueEnvironment } from './data/credentials.ts';
export type { Store } from './data/stores.ts';
export type { LedgerEntry, LedgerDuplicate } from './musique/sends.ts';
export type { RequestLogEntry } from './http/pipeline.ts';
export type { Permission } from './musique/tokens.ts';
export type { QueyeScope } from './queye/accounts.ts';
export {
  generateMp3,
  generateWav,
  inspectMp3,
  type GenerateAudioOptions,
} from './audio/generate.ts';

export interface SandboxHandle {
  queye: {
    origin: string;
    /** `origin + /v1`: what the app's Queye base-URL setting points at. */
    baseUrl: string;
    controlUrl: string;
  };
  musique: {
    origin: string;
    /** `origin + /api/v1/integration` (profile v1). */
    v1BaseUrl: string;
    /** The legacy profile's paths are absolute from the origin (`/api/audio`, …). */
    legacyBaseUrl: string;
    controlUrl: string;
  };
  credentials: DemoCredentials;
  /** The store network (External IDs with names, regions, time zones). */
  stores: readonly Store[];
  seed: number;
  /** Uploads live under `<dataDir>/uploads`. */
  dataDir: string;
  /** Wall time `startSandbox` took. */
  startupMs: number;
  control: SandboxControl;
  /** Stops both listeners, cancels background work and removes the temporary data folder. */
  close(): Promise<void>;
}

/** Where MP3 encodings are cached between runs unless told otherwise. */
export const defaultAudioCacheDir = join(tmpdir(), 'aislecast-sandbox-audio');

/**
 * Starts a local Queye Music + Musique Partner API on two loopback ports. Everything seeded
 * (library, stores, credentials, announcements) follows from `options.seed`; audio is encoded
 * on first need, in the background, and cached on disk.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const started = performance.now();
  const resolved = resolveOptions(options);
  const credentials = deriveCredentials(resolved.seed, resolved.musiqueEnvironment);
  const library = generateLibrary(resolved);
  const stores = generateStores(resolved.seed, resolved.stores);
  const clock = createClock();
  const closing = new AbortController();
  const ownDataDir = resolved.dataDir === undefined;
  const dataDir = resolved.dataDir ?? (await mkdtemp(join(tmpdir(), 'aislecast-sandbox-')));
  const uploadDir = join(dataDir, 'uploads');
  await mkdir(uploadDir, { recursive: true });
  const bank = createAudioBank({
    cacheDir: resolved.audioCacheDir === undefined ? defaultAudioCacheDir : resolved.audioCacheDir,
    signal: closing.signal,
  });

  const freshQueye = () =>
    createQueyeState({
      seed: resolved.seed,
      credentials,
      library,
      accessTokenTtlSec: resolved.accessTokenTtlSec,
      streamTokenTtlSec: resolved.streamTokenTtlSec,
    });
  const freshMusique = () => createMusiqueState({ resolved, credentials, stores });
  const queye: QueyeRuntime = { state: freshQueye(), clock, bank };
  const musique: MusiqueRuntime = { state: freshMusique(), clock, bank, uploadDir };
  const faults = createFaultRegistry();
  const requestLog = createRequestLog();
  const listeners: Listener[] = [];
  const origins = { queye: '', musique: '' };

  const control = createControl({
    clock,
    queye,
    musique,
    queyeOrigin: () => origins.queye,
    bank,
    faults,
    requestLog,
    stores,
    async resetState() {
      faults.clear();
      requestLog.clear();
      clock.reset();
      queye.state = freshQueye();
      musique.state = freshMusique();
      await rm(uploadDir, { recursive: true, force: true });
      await mkdir(uploadDir, { recursive: true });
    },
  });
  const urls = () => ({
    queye: {
      origin: origins.queye,
      baseUrl: `${origins.queye}/v1`,
      controlUrl: `${origins.queye}/__control`,
    },
    musique: {
      origin: origins.musique,
      v1BaseUrl: `${origins.musique}/api/v1/integration`,
      legacyBaseUrl: `${origins.musique}/api`,
      controlUrl: `${origins.musique}/__control`,
    },
  });
  const deps: PipelineDeps = {
    faults,
    control: controlHandler(control, () => ({
      ...urls(),
      credentials,
      seed: resolved.seed,
      now: clock.now(),
      tracks: queye.state.library.tracks().length,
      stores: stores.length,
      envelope: musique.state.envelope,
      health: musique.state.health,
    })),
    log: (entry) => requestLog.add(entry),
    now: () => clock.now(),
    closing: closing.signal,
  };

  const listen = async (service: ServiceDefinition, port: number) => {
    const listener = await listenOnLoopback(createPipeline(service, deps), port);
    listeners.push(listener);
    return listener.origin;
  };
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      closing.abort();
      await Promise.all(listeners.map((listener) => listener.close()));
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    })());
  try {
    origins.queye = await listen(queyeService(queye), resolved.queyePort);
    origins.musique = await listen(musiqueService(musique), resolved.musiquePort);
  } catch (error) {
    await close();
    throw error;
  }
  if (resolved.warmAudio) {
    bank.warmUp().catch(() => {
      // Aborted by close(), or a cache-less encode failed: streams retry on demand.
    });
  }
  return {
    ...urls(),
    credentials,
    stores,
    seed: resolved.seed,
    dataDir,
    startupMs: Math.round((performance.now() - started) * 10) / 10,
    control,
    close,
  };
}
