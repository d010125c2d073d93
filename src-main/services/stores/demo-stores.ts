import type { StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';
import type { Store } from '../../sandbox/index.ts';

/** The demo's directory: the sandbox's stores as records (city kept in the notes). */
export function demoStoreRecords(stores: readonly Store[]): StoreRecord[] {
  return stores.map((store) => ({
    externalId: store.externalId,
    name: store.name,
    region: store.region,
    tags: [...store.tags],
    timeZone: store.timeZone,
    openingHours: { ...store.openingHours },
    notes: `${store.city}, ${store.country}`,
    testStore: store.testStore,
  }));
}
