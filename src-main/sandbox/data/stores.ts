import { createPrng } from './prng.ts';
import { moreRegions } from './more-regions.ts';
import { regions, storeSites, type RegionInfo } from './words.ts';

/** One store of the demo company's network: a Musique External ID and where it is. */
export interface Store {
  externalId: string;
  /** The Musique user the External ID maps to. */
  userId: number;
  name: string;
  city: string;
  region: string;
  country: string;
  /** IANA time zone, for scheduling in store-local time. */
  timeZone: string;
  tags: string[];
  /** One of the few stores a test send may go to. */
  testStore: boolean;
  /** Weekday → `08:00-22:00` or `closed`. */
  openingHours: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string>;
}

const formats = [
  { tag: 'supermarket', brand: 'Aisle Market' },
  { tag: 'express', brand: 'Aisle Express' },
  { tag: 'outlet', brand: 'Aisle Outlet' },
];

const hourPlans = [
  { week: '08:00-22:00', sat: '08:00-22:00', sun: '09:00-20:00' },
  { week: '07:00-23:00', sat: '07:00-23:00', sun: '08:00-22:00' },
  { week: '09:00-21:00', sat: '09:00-21:00', sun: 'closed' },
  { week: '10:00-22:00', sat: '10:00-23:00', sun: '10:00-20:00' },
];

/** How many stores are marked as test stores: a handful, as a real network has. */
const testStoreShare = 0.004;

/**
 * `count` stores with External IDs `store_0001`, `store_0002`, … (wider when needed).
 * Fields added later (the regions of Portugal and more of the Americas, test stores, opening
 * hours) come from their own fork, so the draws of the original fields never shift.
 */
export function generateStores(seed: number, count: number): Store[] {
  const root = createPrng(seed);
  const prng = root.fork('stores');
  const extra = root.fork('stores-extra');
  const width = Math.max(4, String(count).length);
  let userId = prng.int(4000, 6000);
  const taken = new Set<string>();
  const stores: Store[] = [];
  for (let i = 0; i < count; i++) {
    let place: RegionInfo = prng.pick(regions);
    let city = prng.pick(place.cities);
    if (extra.chance(0.3)) {
      place = extra.pick(moreRegions);
      city = extra.pick(place.cities);
    }
    const format = prng.chance(0.6) ? formats[0] : prng.pick(formats);
    let name = `${format?.brand ?? 'Aisle'} ${city} ${prng.pick(storeSites)}`;
    // Names are unique, as a directory expects; a repeat gets a branch number.
    for (let branch = 2; taken.has(name); branch++)
      name = `${name.replace(/ #\d+$/, '')} #${branch}`;
    taken.add(name);
    userId += prng.int(1, 9);
    stores.push({
      externalId: `store_${String(i + 1).padStart(width, '0')}`,
      userId,
      name,
      city,
      region: place.region,
      country: place.country,
      timeZone: place.timeZone,
      tags: [format?.tag ?? 'supermarket', ...(prng.chance(0.15) ? ['flagship'] : [])],
      // The first store is always a test store, so a test send always has somewhere to go.
      testStore: i === 0 || extra.chance(testStoreShare),
      openingHours: openingHours(extra.pick(hourPlans)),
    });
  }
  return stores;
}

function openingHours(plan: (typeof hourPlans)[number]): Store['openingHours'] {
  const { week, sat, sun } = plan;
  return { mon: week, tue: week, wed: week, thu: week, fri: week, sat, sun };
}
