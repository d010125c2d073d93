/**
 * The broadcast feature: the outbox over the Musique session and governor, its journals under
 * `<dataDir>/outbox`, and the store directory through a port (the directory service answers
 * it). Jobs left unfinished by the last run resume at start.
 */
import { join } from 'node:path';
import { tokenParts } from '../../../src-preload/contract/schemas/musique.ts';
import { appError } from '../core/errors.ts';
import type { CallsOf, Feature, FeatureContext } from '../core/feature.ts';
import type { SendingPort } from '../musique/musique-feature.ts';
import { broadcastHandlers } from './broadcast-handlers.ts';
import { createHistory, type History } from './history.ts';
import { createInstanceLock } from './instance-lock.ts';
import { createJobStore } from './job-store.ts';
import { createRetention, type Retention } from './retention.ts';
import { createOutbox, type Outbox, type SendSession, type StoreDirectoryPort } from './outbox.ts';

export type { StoreDirectoryPort } from './outbox.ts';

export type BroadcastFeature = Feature<CallsOf<'broadcast'>> & {
  outbox: Outbox;
  history: History;
  retention: Retention;
};

export function createBroadcastFeature(
  context: FeatureContext,
  sending: SendingPort,
  directory: StoreDirectoryPort,
): BroadcastFeature {
  const log = context.log.child({ service: 'broadcast' });
  const dir = join(context.dataDir, 'outbox');
  const session = (): SendSession | undefined => {
    const current = sending.session();
    if (!current) return undefined;
    const environment = tokenParts(current.token)?.environment.name;
    // A send refused for its token (revoked…) shows as signed out, like any other call.
    const api = {
      ...current.api,
      send: (...args: Parameters<typeof current.api.send>) =>
        sending.guard(current, () => current.api.send(...args)),
    };
    return {
      api,
      sender: {
        ...(current.facts.externalId ? { externalId: current.facts.externalId } : {}),
        ...(environment ? { environment } : {}),
        host: current.routes.root,
      },
    };
  };
  const store = createJobStore({ dir, damagedFiles: context.damagedFiles, log });
  const lock = createInstanceLock(join(dir, 'engine.lock'));
  const outbox = createOutbox({
    store,
    lock,
    directory,
    session,
    governor: sending.governor,
    clock: sending.clock,
    log,
    emit: (job) => context.events.emit('broadcast.jobChanged', job),
  });
  const beforeStart = () => {
    const current = sending.session();
    if (!current)
      throw appError('not_connected', 'No Musique account is connected.', {
        action: 'Paste an API token or generate one in Settings → Musique.',
      });
    sending.require(current, 'audio.send');
  };
  const history = createHistory({
    jobs: () => store.jobs(),
    get: (id) => store.get(id),
    summary: (state) => outbox.summaryOf(state.job.id),
    historyDays: () => context.settings.get().broadcast.historyDays,
  });
  const retention = createRetention({
    store,
    historyDays: () => context.settings.get().broadcast.historyDays,
    now: () => sending.clock.now(),
    mayRemove: () => lock.held(),
    log,
  });
  let stopKeeping: (() => void) | undefined;
  return {
    outbox,
    history,
    retention,
    handlers: broadcastHandlers(outbox, history, beforeStart),
    async start() {
      await outbox.start().catch((error: unknown) => {
        log.error({ err: error }, 'outbox: could not resume broadcasts');
      });
      // Old history goes now, when the kept days change and once a day.
      stopKeeping = await retention.keep(context.settings);
    },
    async dispose() {
      stopKeeping?.();
      await outbox.dispose();
    },
  };
}
