import { createPrng } from './prng.ts';
import { regions, storeSites } from './words.ts';

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
}

const formats = [
  { tag: 'supermarket', brand: 'Aisle Market' },
  { tag: 'express', brand: 'Aisle Express' },
  { tag: 'outlet', brand: 'Aisle Outlet' },
];

/** `count` stores with External IDs `store_0001`, `store_0002`, … (wider when needed). */
export function generateStores(seed: number, count: number): Store[] {
  const prng = createPrng(seed).fork('stores');
  const width = Math.max(4, String(count).length);
  let userId = prng.int(4000, 6000);
  const taken = new Set<string>();
  const stores: Store[] = [];
  for (let i = 0; i < count; i++) {
    const place = prng.pick(regions);
    const city = prng.pick(place.cities);
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
    });
  }
  return stores;
}
