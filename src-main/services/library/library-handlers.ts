import type { CallsOf, HandlersOf } from '../core/feature.ts';
import type { TrackLibraryService } from './track-library-service.ts';

export type LibraryCallName = CallsOf<'library'>;

export function trackLibraryHandlers(library: TrackLibraryService): HandlersOf<'library'> {
  return {
    'library.status': () => library.status(),
    'library.snapshot': () => library.snapshot(),
    // Starts the sync and answers at once; progress and the outcome arrive as events.
    'library.sync': (args) => {
      void library.sync(args?.mode ?? 'auto');
      return library.status();
    },
    'library.cancelSync': () => {
      library.cancel();
      return library.status();
    },
  };
}
