import { storesToCsv } from './export-csv.ts';
import type { CallsOf, HandlersOf } from '../core/feature.ts';
import type { StoreImports } from './import/store-imports.ts';
import type { StoreDirectory } from './store-directory.ts';

export type StoresCallName = CallsOf<'stores'>;

/** Maps the `stores.*` calls onto the active directory and the import sessions. */
export function storesHandlers(
  active: () => { directory: StoreDirectory; demo: boolean },
  imports: StoreImports,
): HandlersOf<'stores'> {
  const directory = () => active().directory;
  return {
    'stores.list': () => directory().snapshot(active().demo),
    'stores.summary': () => directory().snapshot(active().demo).summary,
    'stores.add': ({ store }) => directory().add(store),
    'stores.edit': ({ externalId, store }) => directory().edit(externalId, store),
    'stores.remove': async ({ externalIds }) => ({
      removed: await directory().remove(externalIds),
    }),
    'stores.bulkEdit': async (edit) => ({ updated: await directory().bulkEdit(edit) }),
    'stores.saveGroup': ({ id, group }) => directory().saveGroup(id, group),
    'stores.removeGroup': async ({ id }) => {
      await directory().removeGroup(id);
      return { removed: true };
    },
    'stores.importBegin': ({ fileName, size }) => imports.begin(fileName, size),
    'stores.importChunk': ({ importId, offset, bytes }) => imports.chunk(importId, offset, bytes),
    'stores.importPreview': ({ importId, mapping }) => imports.preview(importId, mapping),
    'stores.importConfirm': ({ importId, existing, useSuggestedTimeZones }) =>
      imports.confirm(importId, { existing, useSuggestedTimeZones }),
    'stores.importCancel': ({ importId }) => {
      imports.cancel(importId);
      return { cancelled: true };
    },
    'stores.export': (args) => {
      const all = directory().list();
      const stores = args?.externalIds ? directory().resolve(args.externalIds).stores : all;
      const stamp = new Date().toISOString().slice(0, 10);
      return {
        fileName: `stores-${stamp}.csv`,
        csv: storesToCsv(stores),
        count: stores.length,
      };
    },
  };
}
