import type { StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';
import type { Feature, FeatureContext } from '../core/feature.ts';
import { directoryFilePath } from './directory-file.ts';
import { createStoreImports, type StoreImports } from './import/store-imports.ts';
import { createStoreDirectory, type StoreDirectory, type StoreLookup } from './store-directory.ts';
import { storesHandlers, type StoresCallName } from './stores-handlers.ts';

/** The demo's directory, built from the sandbox's stores. */
export { demoStoreRecords } from './demo-stores.ts';

export type StoresFeature = Feature<StoresCallName> & {
  /** Stores by External ID for the send engine; follows the demo in and out. */
  lookup: StoreLookup;
  /** The saved directory (not the demo's), for tests and diagnostics. */
  saved: StoreDirectory;
  imports: StoreImports;
  /** Replaces the directory with an in-memory one (the demo's) until `leaveDemo`. */
  enterDemo(stores: StoreRecord[]): void;
  leaveDemo(): void;
};

/**
 * The store directory feature: the saved directory in the user-data folder, or while the demo
 * runs an in-memory one seeded from the sandbox, so demo edits never touch the user's file.
 */
export function createStoresFeature(context: FeatureContext): StoresFeature {
  const log = context.log.child({ service: 'stores' });
  const saved = createStoreDirectory({
    path: directoryFilePath(context.dataDir),
    damagedFiles: context.damagedFiles,
    log,
  });
  let demo: StoreDirectory | undefined;
  const active = () => ({ directory: demo ?? saved, demo: demo !== undefined });

  const announce = () => {
    const { directory } = active();
    context.events.emit('stores.changed', {
      revision: directory.revision(),
      summary: directory.snapshot(demo !== undefined).summary,
    });
  };
  const stopSaved = saved.onChange(() => {
    if (!demo) announce();
  });
  let stopDemo: (() => void) | undefined;

  const imports = createStoreImports({
    directory: () => active().directory,
    progress: (progress) => context.events.emit('stores.importProgress', progress),
  });

  const lookup: StoreLookup = {
    get: (id) => active().directory.get(id),
    resolve: (ids) => active().directory.resolve(ids),
    members: (groupId) => active().directory.members(groupId),
  };

  return {
    lookup,
    saved,
    imports,
    handlers: storesHandlers(active, imports),
    enterDemo(stores) {
      stopDemo?.();
      demo = createStoreDirectory({ damagedFiles: context.damagedFiles, log, initial: { stores } });
      stopDemo = demo.onChange(announce);
      announce();
    },
    leaveDemo() {
      stopDemo?.();
      stopDemo = undefined;
      demo = undefined;
      announce();
    },
    start: () => saved.load(),
    dispose() {
      stopSaved();
      stopDemo?.();
    },
  };
}
