/**
 * A job the engine paused because no Musique account was connected (the token was forgotten,
 * the vault was locked at start-up, the demo ended) carries on by itself once the same sender
 * is connected again. "Same" means the host, the token's External ID and environment, and the
 * demo flag all match: a job is never sent on by another account than the one that started
 * it. Jobs the user paused, or the engine paused for any other reason, wait for the user.
 */
import type { BroadcastJob } from '../../../src-preload/contract/schemas/broadcast.ts';
import type { Logger } from '../log/logger.ts';

type Sender = BroadcastJob['sender'];

export interface ResumeOnConnectDeps {
  jobs(): BroadcastJob[];
  /** Who would send now, or undefined while no account is connected. */
  sender(): Sender | undefined;
  resume(jobId: string): Promise<unknown>;
  log: Logger;
}

export const sameSender = (a: Sender, b: Sender) =>
  a.host === b.host &&
  a.externalId === b.externalId &&
  a.environment === b.environment &&
  Boolean(a.demo) === Boolean(b.demo);

/** Resumes every job paused for want of this sender; returns the IDs it resumed. */
export async function resumeOnConnect(deps: ResumeOnConnectDeps): Promise<string[]> {
  const sender = deps.sender();
  if (!sender) return [];
  const resumed: string[] = [];
  for (const job of deps.jobs()) {
    if (job.phase !== 'paused' || job.pauseReason?.code !== 'not_connected') continue;
    if (!sameSender(job.sender, sender)) continue;
    try {
      await deps.resume(job.id);
      resumed.push(job.id);
    } catch (error) {
      deps.log.warn({ job: job.id, error: String(error) }, 'outbox: could not resume on connect');
    }
  }
  if (resumed.length) deps.log.info({ jobs: resumed }, 'outbox: resumed on connect');
  return resumed;
}
