/**
 * The announcement library as the broadcaster sees it: the last known list (from the cache at
 * first), refreshed from Musique on request, and kept current as items are uploaded or deleted.
 * A failed refresh keeps the last known list and says why.
 */
import type {
  AudioItem,
  AnnouncementLibrarySnapshot,
} from '../../../src-preload/contract/schemas/musique.ts';
import { appError, isAppError } from '../core/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { MusiqueApi } from './client.ts';
import type { AnnouncementLibraryCache } from './announcement-library-cache.ts';

export interface AnnouncementLibraryAccount {
  api: MusiqueApi;
  /** Cache file key (host + External ID). */
  key: string;
}

export interface AnnouncementLibrary {
  snapshot(): AnnouncementLibrarySnapshot;
  /** Switches to another account's list (or none), loading its cache. */
  use(account: AnnouncementLibraryAccount | undefined): Promise<void>;
  refresh(): Promise<AnnouncementLibrarySnapshot>;
  get(id: string): Promise<AudioItem>;
  remove(id: string): Promise<AnnouncementLibrarySnapshot>;
  /** An item that appeared by other means (an upload). */
  add(item: AudioItem): Promise<void>;
  /** The item as last known, without asking Musique. */
  known(id: string): AudioItem | undefined;
  /** Forgets the cached list of an account (revoke, forget). */
  drop(key: string): Promise<void>;
}

export interface AnnouncementLibraryOptions {
  cache: AnnouncementLibraryCache;
  log: Logger;
  emit(snapshot: AnnouncementLibrarySnapshot): void;
  now?: () => number;
}

const empty = (): AnnouncementLibrarySnapshot => ({ items: [], stale: true, refreshing: false });

export function createAnnouncementLibrary(
  options: AnnouncementLibraryOptions,
): AnnouncementLibrary {
  const { cache, log } = options;
  const now = options.now ?? Date.now;
  let account: AnnouncementLibraryAccount | undefined;
  let state: AnnouncementLibrarySnapshot = empty();
  let refreshing: Promise<AnnouncementLibrarySnapshot> | undefined;

  const publish = (next: AnnouncementLibrarySnapshot) => {
    state = next;
    options.emit(state);
    return state;
  };

  const persist = async (items: AudioItem[], fetchedAt: string) => {
    if (!account) return;
    try {
      await cache.write(account.key, { items, fetchedAt });
    } catch (error) {
      // The list still works from memory; only the offline copy is behind.
      log.warn({ err: error }, 'could not write the audio library cache');
    }
  };

  const withItems = (items: AudioItem[]) => publish({ ...state, items });

  const library: AnnouncementLibrary = {
    snapshot: () => state,
    async use(next) {
      account = next;
      refreshing = undefined;
      if (!next) {
        publish(empty());
        return;
      }
      const cached = await cache.read(next.key);
      if (account !== next) return;
      publish(
        cached
          ? { items: cached.items, fetchedAt: cached.fetchedAt, stale: true, refreshing: false }
          : empty(),
      );
    },
    refresh() {
      const current = account;
      if (!current) return Promise.resolve(state);
      refreshing ??= (async () => {
        publish({ ...state, refreshing: true });
        try {
          const items = await current.api.listAll();
          if (account !== current) return state;
          const fetchedAt = new Date(now()).toISOString();
          await persist(items, fetchedAt);
          return publish({ items, fetchedAt, stale: false, refreshing: false });
        } catch (error) {
          if (account !== current) return state;
          log.warn({ err: error }, 'audio library refresh failed');
          if (!isAppError(error)) throw error;
          return publish({ ...state, stale: true, refreshing: false, error: error.shape });
        } finally {
          refreshing = undefined;
        }
      })();
      return refreshing;
    },
    async get(id) {
      const current = account;
      if (!current) throw notReady();
      const item = await current.api.get(id);
      if (account === current && state.items.some((known) => known.id === id)) {
        const items = state.items.map((known) => (known.id === id ? item : known));
        withItems(items);
        if (state.fetchedAt) await persist(items, state.fetchedAt);
      }
      return item;
    },
    async remove(id) {
      const current = account;
      if (!current) throw notReady();
      try {
        await current.api.remove(id);
      } catch (error) {
        // Already gone is what the user wanted; anything else is theirs to read.
        if (!(isAppError(error) && error.shape.status === 404)) throw error;
      }
      if (account !== current) return state;
      const items = state.items.filter((item) => item.id !== id);
      const snapshot = withItems(items);
      if (state.fetchedAt) await persist(items, state.fetchedAt);
      return snapshot;
    },
    async add(item) {
      const items = [item, ...state.items.filter((known) => known.id !== item.id)];
      withItems(items);
      if (state.fetchedAt) await persist(items, state.fetchedAt);
    },
    known: (id) => state.items.find((item) => item.id === id),
    async drop(key) {
      await cache.remove(key);
    },
  };
  return library;
}

/** A call that arrives before the account's library is open (connecting, switching). */
function notReady() {
  return appError('library_not_ready', 'The Musique library is not open yet.', {
    action: 'Wait a moment for the account to finish connecting, then try again.',
  });
}
