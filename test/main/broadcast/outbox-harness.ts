import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';
import { createInstanceLock } from '../../../src-main/services/broadcast/instance-lock.ts';
import { createJobStore } from '../../../src-main/services/broadcast/job-store.ts';
import { nodeJournalIo, type JournalIo } from '../../../src-main/services/broadcast/journal.ts';
import {
  createOutbox,
  type DirectoryStore,
  type Outbox,
  type StoreDirectoryPort,
} from '../../../src-main/services/broadcast/outbox.ts';
import type { Schedule } from '../../../src-main/services/broadcast/plan.ts';
import type { JobSummary } from '../../../src-main/services/broadcast/summary.ts';
import {
  createDamagedFiles,
  type DamagedFiles,
} from '../../../src-main/services/files/damaged-files.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import type { QuotaOptions } from '../../../src-main/services/musique/governor/quota.ts';
import type { SandboxHandle } from '../../support/sandbox.ts';
import { musiqueStack, type Stack } from './support.ts';

/**
 * The store directory, as the directory service will answer: the sandbox's stores (with their
 * test marks and opening hours), plus extras that add to or replace them.
 */
export function directoryOf(
  sandbox: SandboxHandle,
  extra: DirectoryStore[] = [],
): StoreDirectoryPort {
  const all = new Map<string, DirectoryStore>(
    [...sandbox.stores, ...extra].map((s) => [
      s.externalId,
      {
        externalId: s.externalId,
        timeZone: s.timeZone,
        ...(s.testStore !== undefined ? { testStore: s.testStore } : {}),
        ...(s.openingHours ? { openingHours: { ...s.openingHours } } : {}),
      },
    ]),
  );
  return { find: (id) => all.get(id) };
}

export interface OutboxRig {
  outbox: Outbox;
  stack: Stack;
  dir: string;
  damaged: DamagedFiles;
  events: JobSummary[];
}

export async function outboxRig(
  sandbox: SandboxHandle,
  options: {
    dir?: string;
    io?: JournalIo;
    profile?: MusiqueProfile;
    token?: string;
    quota?: Pick<QuotaOptions, 'limits' | 'windowMs'>;
    directory?: StoreDirectoryPort;
    sendTimeoutMs?: number;
    fetch?: typeof fetch;
  } = {},
): Promise<OutboxRig> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'aislecast-outbox-')));
  const stack = musiqueStack(sandbox, {
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.quota ? { quota: options.quota } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const log = silentLogger();
  const damaged = createDamagedFiles({ dataDir: dir, log });
  const store = createJobStore({
    dir: join(dir, 'outbox'),
    io: options.io ?? nodeJournalIo,
    damagedFiles: damaged,
    log,
  });
  const lock = createInstanceLock(join(dir, 'outbox', 'engine.lock'));
  const events: JobSummary[] = [];
  const outbox = createOutbox({
    store,
    lock,
    directory: options.directory ?? directoryOf(sandbox),
    session: () => ({
      api: stack.api,
      sender: { externalId: 'hq_demo', environment: 'test', host: sandbox.musique.origin },
    }),
    governor: stack.governor,
    clock: stack.clock,
    log,
    emit: (summary) => events.push(summary),
    ...(options.sendTimeoutMs ? { sendTimeoutMs: options.sendTimeoutMs } : {}),
  });
  await outbox.start();
  return { outbox, stack, dir, damaged, events };
}

export const storeIds = (from: number, count: number, width = 4) =>
  Array.from({ length: count }, (_, i) => `store_${String(from + i).padStart(width, '0')}`);

/** Sends to the sandbox's first audio and waits until the engine has nothing left to do. */
export async function broadcast(
  rig: OutboxRig,
  externalIds: string[],
  extra: { chunkSize?: number; audioId?: string; schedule?: Schedule } = {},
): Promise<JobSummary> {
  const audioId = extra.audioId ?? (await rig.stack.api.listPage(1)).items[0]!.id;
  const created = await rig.outbox.create({
    audioId,
    externalIds,
    schedule: extra.schedule ?? { kind: 'now' },
    options: { priority: 'normal' },
    ...(extra.chunkSize ? { chunkSize: extra.chunkSize } : {}),
  });
  await rig.outbox.idle();
  return rig.outbox.list().find((job) => job.id === created.id)!;
}

/** How many times each store got this audio, from the sandbox's ledger. */
export function deliveries(sandbox: SandboxHandle, audioId?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of sandbox.control.ledger())
    if (!audioId || entry.audioId === audioId)
      counts.set(entry.externalId, (counts.get(entry.externalId) ?? 0) + 1);
  return counts;
}
