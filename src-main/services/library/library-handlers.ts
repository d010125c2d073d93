import type { Handlers } from '../core/router.ts';
import type { LibraryService } from './library-service.ts';

export type LibraryCallName =
  'library.status' | 'library.snapshot' | 'library.sync' | 'library.cancelSync';

export function libraryHandlers(library: LibraryService): Pick<Handlers, LibraryCallName> {
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
