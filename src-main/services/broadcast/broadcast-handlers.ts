/** The broadcast calls, each mapped to the outbox. */
import type { Handlers } from '../core/router.ts';
import type { Outbox } from './outbox.ts';

type BroadcastCalls =
  'broadcast.plan' | 'broadcast.start' | 'broadcast.control' | 'broadcast.jobs' | 'broadcast.rows';

export function broadcastHandlers(
  outbox: Outbox,
  beforeStart: () => void,
): Pick<Handlers, BroadcastCalls> {
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
