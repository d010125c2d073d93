import type { BenchSuite } from '../support/types.ts';
import { broadcastSuite } from './broadcast.ts';
import { librarySyncSuite } from './library-sync.ts';
import { libraryUiSuite } from './library-ui.ts';
import { playbackSuite } from './playback.ts';
import { queueSuite } from './queue.ts';
import { sandboxSuite } from './sandbox.ts';
import { storesSuite } from './stores.ts';
import { uploadSuite } from './upload.ts';

/** Every benchmark suite, in the order `npm run bench` runs them. */
export const suites: BenchSuite[] = [
  sandboxSuite,
  librarySyncSuite,
  libraryUiSuite,
  playbackSuite,
  queueSuite,
  uploadSuite,
  broadcastSuite,
  storesSuite,
];
