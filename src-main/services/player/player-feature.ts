import type { CallsOf, Feature, FeatureContext } from '../core/feature.ts';
import type { QueyeConnection } from '../queye/queye-feature.ts';
import { queueFilePath } from './queue-file.ts';
import { createQueueStore } from './queue-store.ts';

export type PlayerCallName = CallsOf<'player'>;

/**
 * Keeps the play queue across restarts. The renderer owns the queue and saves it (debounced)
 * as track IDs with the index and position; main writes it under the data folder and gives it
 * back at start-up, so the music resumes — paused — where it stood.
 */
export function createPlayerFeature(
  context: FeatureContext,
  connection: QueyeConnection,
): Feature<PlayerCallName> {
  const log = context.log.child({ service: 'player' });
  const store = createQueueStore(queueFilePath(context.dataDir), log, context.damagedFiles);
  return {
    handlers: {
      'player.loadQueue': () => store.load(connection.account()?.key),
      'player.saveQueue': async (queue) => ({
        savedAt: await store.save(queue, connection.account()?.key),
      }),
      'player.savePosition': async (position) => ({
        savedAt: await store.savePosition(position),
      }),
    },
    dispose: () => store.flush(),
  };
}
