import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { useNavigation } from '../../../lib/navigation-store.ts';
import { useDemo } from '../../demo/demo-store.ts';
import { useBroadcast } from '../broadcast-store.ts';
import {
  createJobNotifier,
  systemNotifications,
  type NotificationApi,
} from './job-notifications.ts';
import { subscribeJobs, useJobs } from './jobs-store.ts';

/** Shows a job wherever the user is: the broadcaster, its Sending tab, that job. */
export function openJobAnywhere(jobId: string): void {
  useNavigation.getState().go('broadcast');
  useBroadcast.getState().openJob(jobId);
}

/**
 * For the app's whole life: loads the jobs, follows main's pushes, and notifies when a job ends
 * or needs a decision. Returns the way to stop.
 */
export function startJobWatch(
  notifications: () => NotificationApi | undefined = systemNotifications,
): () => void {
  const notifier = createJobNotifier({ notifications, open: openJobAnywhere });
  const off = subscribeJobs((job: BroadcastJob) => notifier.changed(job));
  // What was already true at start is not news.
  const load = () =>
    useJobs
      .getState()
      .load()
      .then(() => notifier.seed(useJobs.getState().jobs));
  void load();
  // Entering or leaving the demo swaps the account the jobs belong to: list them again.
  const offDemo = useDemo.subscribe((state, previous) => {
    if (state.status.active !== previous.status.active) void load();
  });
  return () => {
    off();
    offDemo();
  };
}
