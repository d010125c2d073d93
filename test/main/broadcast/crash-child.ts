/**
 * One life of the app's outbox for the crash test: a separate Node process that creates (or
 * resumes) a broadcast against the sandbox, printing a line before and after every journal
 * write and every request, so the parent can SIGKILL it at exactly such a point.
 *
 * argv[2]: JSON `{dir, baseUrl, token, profile, storesFile, audioId?, create}`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInstanceLock } from '../../../src-main/services/broadcast/instance-lock.ts';
import { createJobStore } from '../../../src-main/services/broadcast/job-store.ts';
import { nodeJournalIo, type JournalIo } from '../../../src-main/services/broadcast/journal.ts';
import { createOutbox } from '../../../src-main/services/broadcast/outbox.ts';
import { createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import { createHttpClient } from '../../../src-main/services/http/http-client.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { createMusiqueApi } from '../../../src-main/services/musique/client.ts';
import { describeMusique } from '../../../src-main/services/musique/describe-errors.ts';
import { systemGovernorClock } from '../../../src-main/services/musique/governor/clock.ts';
import { createGovernor } from '../../../src-main/services/musique/governor/governor.ts';
import { createQuotaTracker } from '../../../src-main/services/musique/governor/quota.ts';
import { musiqueRoutes } from '../../../src-main/services/musique/routes.ts';
import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';

interface Args {
  dir: string;
  baseUrl: string;
  token: string;
  profile: MusiqueProfile;
  storesFile: string;
  audioId?: string;
  create: boolean;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const mark = (line: string) => process.stdout.write(`${line}\n`);

const io: JournalIo = {
  ...nodeJournalIo,
  async append(path, text) {
    mark('write:start');
    await nodeJournalIo.append(path, text);
    mark('write:done');
  },
};
const tracedFetch: typeof fetch = async (input, init) => {
  const send = init?.method === 'POST';
  if (send) mark('request:start');
  const response = await fetch(input, init);
  if (send) mark('request:done');
  return response;
};

const log = silentLogger();
const clock = systemGovernorClock;
const quota = createQuotaTracker({ now: () => clock.now() });
const governor = createGovernor({ quota, clock });
const http = createHttpClient({
  service: 'musique',
  log,
  describe: describeMusique,
  gate: governor,
  fetch: tracedFetch,
});
const api = createMusiqueApi(http, musiqueRoutes(args.profile, args.baseUrl), args.token);
const stores = JSON.parse(await readFile(args.storesFile, 'utf8')) as Array<{
  externalId: string;
  timeZone: string;
}>;
const byId = new Map(stores.map((s) => [s.externalId, s]));
const outbox = createOutbox({
  store: createJobStore({
    dir: join(args.dir, 'outbox'),
    io,
    damagedFiles: createDamagedFiles({ dataDir: args.dir, log }),
    log,
  }),
  lock: createInstanceLock(join(args.dir, 'outbox', 'engine.lock')),
  directory: { find: (id) => byId.get(id) },
  session: () => ({
    api,
    sender: { externalId: 'hq_demo', environment: 'test', host: args.baseUrl },
  }),
  governor,
  clock,
  log,
});
await outbox.start();
if (args.create) {
  mark('create');
  await outbox.create({
    audioId: args.audioId ?? '',
    externalIds: stores.map((s) => s.externalId),
    schedule: { kind: 'now' },
    options: { priority: 'normal' },
  });
}
await outbox.idle();
mark(
  `result ${JSON.stringify(outbox.list().map((job) => ({ ...job, rows: outbox.rows(job.id, { offset: 0, limit: 100_000 }).rows })))}`,
);
await outbox.dispose();
