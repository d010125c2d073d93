/** The broadcast calls, each mapped to the outbox. */
import type { HandlersOf } from '../core/feature.ts';
import type { Outbox } from './outbox.ts';

export function broadcastHandlers(
  outbox: Outbox,
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
  };
}
