/**
 * The store directory: every store device the app can send to, and the saved groups. Changes
 * run one after another; each is written to disk (atomically) before it becomes visible, so a
 * failed write leaves both the file and what the app shows as they were. Without a `path` the
 * directory lives in memory only (the demo's).
 */
import { randomBytes } from 'node:crypto';
import {
  checkStore,
  groupMembers,
  splitTags,
  checkTimeZone,
  summarizeDirectory,
} from '../../../src-preload/contract/schemas/store-rules.ts';
import type {
  DirectorySnapshot,
  StoreGroup,
  StoreGroupInput,
  StoreGroupView,
  StoreInput,
  StoreRecord,
} from '../../../src-preload/contract/schemas/stores.ts';
import { appError } from '../core/errors.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import { readDirectoryFile, writeDirectoryFile } from './directory-file.ts';

/** What the send engine needs: stores by External ID, with their time zones. */
export interface StoreLookup {
  get(externalId: string): StoreRecord | undefined;
  /** The known stores among `externalIds` (in the order asked, without repeats) and the rest. */
  resolve(externalIds: readonly string[]): { stores: StoreRecord[]; unknown: string[] };
  /** The External IDs in a group today (a rule group is evaluated against the directory now). */
  members(groupId: string): string[];
}

export interface BulkEdit {
  externalIds: readonly string[];
  addTags?: readonly string[];
  removeTags?: readonly string[];
  region?: string;
  timeZone?: string;
  testStore?: boolean;
}

/** A row an import writes: a new store or a replacement for an existing one. */
export type ImportWrite = StoreRecord;

export interface StoreDirectory extends StoreLookup {
  /** Reads the file; a damaged one is handed to `DamagedFiles` and the directory starts empty. */
  load(): Promise<void>;
  list(): readonly StoreRecord[];
  snapshot(demo: boolean): DirectorySnapshot;
  revision(): number;
  add(input: StoreInput): Promise<StoreRecord>;
  edit(externalId: string, input: StoreInput): Promise<StoreRecord>;
  remove(externalIds: readonly string[]): Promise<number>;
  bulkEdit(edit: BulkEdit): Promise<number>;
  /** Adds or replaces records by External ID in one write. */
  upsert(records: readonly ImportWrite[]): Promise<void>;
  saveGroup(id: string | undefined, input: StoreGroupInput): Promise<StoreGroupView>;
  removeGroup(id: string): Promise<void>;
  onChange(listener: () => void): () => void;
}

export interface StoreDirectoryDeps {
  /** The directory file; absent for a directory kept in memory only. */
  path?: string;
  damagedFiles: DamagedFiles;
  log: Logger;
  now?: () => Date;
  /** Starting content of an in-memory directory. */
  initial?: { stores: StoreRecord[]; groups?: StoreGroup[] };
}

interface State {
  stores: StoreRecord[];
  groups: StoreGroup[];
}

const fieldError = (message: string, details?: Record<string, unknown>) =>
  appError('store_invalid', message, {
    action: 'Correct the field and save again.',
    ...(details ? { details } : {}),
  });

export function createStoreDirectory(deps: StoreDirectoryDeps): StoreDirectory {
  const now = deps.now ?? (() => new Date());
  let state: State = { stores: deps.initial?.stores ?? [], groups: deps.initial?.groups ?? [] };
  let index = new Map<string, number>();
  let revision = 1;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<() => void>();

  const reindex = () => {
    index = new Map(state.stores.map((store, i) => [store.externalId, i]));
  };
  reindex();

  const get = (id: string) => {
    const at = index.get(id);
    return at === undefined ? undefined : state.stores[at];
  };

  // Every change: computed from the latest state, written, then shown — one at a time.
  const change = <T>(work: (current: State) => { next: State; result: T }): Promise<T> => {
    const run = queue.then(async () => {
      const { next, result } = work(state);
      if (deps.path) {
        try {
          await writeDirectoryFile(deps.path, next, now());
        } catch (error) {
          deps.log.error({ err: error }, 'could not save the store directory');
          throw appError('directory_not_saved', 'The store directory could not be saved.', {
            action: 'Check that the disk has space and try again; nothing was changed.',
          });
        }
      }
      state = next;
      revision++;
      reindex();
      for (const listener of listeners) listener();
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const valid = (input: StoreInput): StoreRecord => {
    const checked = checkStore(input);
    if (checked.ok) return checked.record;
    const [first] = checked.problems;
    throw fieldError(first?.message ?? 'The store is not valid.', {
      problems: checked.problems,
    });
  };

  const taken = (id: string) =>
    fieldError(`A store with External ID ${id} is already in the directory.`, {
      problems: [{ field: 'externalId', code: 'id_duplicate', message: 'Already in use.' }],
    });

  const unknownStore = (id: string) =>
    appError('store_unknown', `No store with External ID ${id} is in the directory.`, {
      action: 'Reload the list; it may have been removed.',
    });

  const view = (group: StoreGroup, stores: readonly StoreRecord[]): StoreGroupView => ({
    ...group,
    memberCount: groupMembers(group, stores).length,
  });

  // A renamed store stays in the hand-picked groups and exclusions that named it.
  const renameInGroups = (groups: StoreGroup[], from: string, to: string): StoreGroup[] =>
    groups.map((group) =>
      group.kind === 'picked'
        ? { ...group, members: group.members.map((id) => (id === from ? to : id)) }
        : { ...group, exclusions: group.exclusions.map((id) => (id === from ? to : id)) },
    );

  const directory: StoreDirectory = {
    load() {
      if (!deps.path) return Promise.resolve();
      const path = deps.path;
      // Changes asked for while the file is being read wait for it: one made earlier would
      // otherwise be written over the saved directory, or be lost when the file arrives.
      const loading = queue.then(async () => {
        const read = await readDirectoryFile(path);
        if (read.state === 'damaged') {
          await deps.damagedFiles.report(path, {
            what: 'Your store directory could not be read and was set aside; import it again or restore the kept copy.',
            reason: `the store directory ${read.reason}`,
          });
          return undefined;
        }
        if (read.state === 'missing') return undefined;
        state = { stores: read.file.stores, groups: read.file.groups };
        revision++;
        reindex();
        for (const listener of listeners) listener();
        return read.migratedFrom;
      });
      queue = loading.catch(() => undefined);
      return loading.then(async (migratedFrom) => {
        if (migratedFrom === undefined) return;
        deps.log.info({ from: migratedFrom }, 'store directory migrated');
        await change((current) => ({ next: current, result: undefined }));
      });
    },
    list: () => state.stores,
    revision: () => revision,
    snapshot(demo) {
      const { stores, groups } = state;
      return {
        revision,
        demo,
        stores,
        groups: groups.map((group) => view(group, stores)),
        summary: summarizeDirectory(stores),
      };
    },
    get,
    resolve(externalIds) {
      const stores: StoreRecord[] = [];
      const unknown: string[] = [];
      const seen = new Set<string>();
      for (const id of externalIds) {
        if (seen.has(id)) continue;
        seen.add(id);
        const store = get(id);
        if (store) stores.push(store);
        else unknown.push(id);
      }
      return { stores, unknown };
    },
    members(groupId) {
      const group = state.groups.find((g) => g.id === groupId);
      if (!group) throw appError('group_unknown', 'That group no longer exists.');
      return groupMembers(group, state.stores);
    },
    async add(input) {
      const record = valid(input);
      return change((current) => {
        if (index.has(record.externalId)) throw taken(record.externalId);
        return { next: { ...current, stores: [...current.stores, record] }, result: record };
      });
    },
    async edit(externalId, input) {
      const record = valid(input);
      return change((current) => {
        const at = index.get(externalId);
        if (at === undefined) throw unknownStore(externalId);
        const renamed = record.externalId !== externalId;
        if (renamed && index.has(record.externalId)) throw taken(record.externalId);
        const stores = current.stores.slice();
        stores[at] = record;
        const groups = renamed
          ? renameInGroups(current.groups, externalId, record.externalId)
          : current.groups;
        return { next: { stores, groups }, result: record };
      });
    },
    remove(externalIds) {
      const gone = new Set(externalIds);
      return change((current) => {
        const stores = current.stores.filter((store) => !gone.has(store.externalId));
        return { next: { ...current, stores }, result: current.stores.length - stores.length };
      });
    },
    async bulkEdit(edit) {
      const add = splitTags(edit.addTags ?? []);
      const drop = new Set(splitTags(edit.removeTags ?? []).map((t) => t.toLowerCase()));
      let zone: string | undefined;
      if (edit.timeZone !== undefined) {
        const checked = checkTimeZone(edit.timeZone);
        if ('problem' in checked) throw fieldError(checked.problem.message);
        zone = checked.timeZone;
      }
      const region = edit.region?.trim().replace(/\s+/g, ' ');
      const targets = new Set(edit.externalIds);
      return change((current) => {
        let updated = 0;
        const stores = current.stores.map((store) => {
          if (!targets.has(store.externalId)) return store;
          updated++;
          const tags = splitTags([
            ...store.tags.filter((tag) => !drop.has(tag.toLowerCase())),
            ...add,
          ]);
          return {
            ...store,
            tags,
            ...(region !== undefined ? { region } : {}),
            ...(zone !== undefined ? { timeZone: zone } : {}),
            ...(edit.testStore !== undefined ? { testStore: edit.testStore } : {}),
          };
        });
        return { next: { ...current, stores }, result: updated };
      });
    },
    upsert(records) {
      return change((current) => {
        const stores = current.stores.slice();
        const at = new Map(index);
        for (const record of records) {
          const existing = at.get(record.externalId);
          if (existing === undefined) {
            at.set(record.externalId, stores.length);
            stores.push(record);
          } else {
            stores[existing] = record;
          }
        }
        return { next: { ...current, stores }, result: undefined };
      });
    },
    saveGroup(id, input) {
      return change((current) => {
        const name = input.name.trim();
        const clash = current.groups.find(
          (group) => group.id !== id && group.name.toLowerCase() === name.toLowerCase(),
        );
        if (clash) throw fieldError(`A group named “${name}” already exists.`);
        if (id && !current.groups.some((group) => group.id === id)) {
          throw appError('group_unknown', 'That group no longer exists.');
        }
        const group: StoreGroup = {
          ...input,
          name,
          id: id ?? `grp_${randomBytes(6).toString('hex')}`,
        };
        const groups = id
          ? current.groups.map((existing) => (existing.id === id ? group : existing))
          : [...current.groups, group];
        return { next: { ...current, groups }, result: view(group, current.stores) };
      });
    },
    removeGroup(id) {
      return change((current) => ({
        next: { ...current, groups: current.groups.filter((group) => group.id !== id) },
        result: undefined,
      }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return directory;
}
