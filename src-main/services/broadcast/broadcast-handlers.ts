/** The broadcast calls, each mapped to the outbox or the history. */
import type { HandlersOf } from '../core/feature.ts';
import type { History } from './history.ts';
import type { Outbox } from './outbox.ts';

export function broadcastHandlers(
  outbox: Outbox,
  history: History,
  beforeStart: () => void,
): HandlersOf<'broadcast'> {
  return {
    'broadcast.plan': (args) => outbox.plan(args),
    'broadcast.start': (args) => {
      beforeStart();
      return outbox.create(args);
    },
    'broadcast.control': ({ jobId, action, chunks }) => outbox.control(jobId, action, chunks),
    'broadcast.jobs': () => outbox.list(),
    'broadcast.rows': ({ jobId, ...page }) => outbox.rows(jobId, page),
    'broadcast.history': (filter) => history.page(filter),
    'broadcast.storeHistory': ({ externalId, ...page }) => history.storeHistory(externalId, page),
    'broadcast.exportHistory': (args) =>
      'jobId' in args ? history.exportJob(args.jobId) : history.exportStore(args.externalId),
  };
}
