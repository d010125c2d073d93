import type { RegionInfo } from './words.ts';

/**
 * Regions added with the store directory: Portugal, more of Brazil's zones and more of the
 * Americas. Drawn from their own fork, so the regions above keep their stores.
 */
export const moreRegions: RegionInfo[] = [
  {
    region: 'Lisboa',
    country: 'PT',
    timeZone: 'Europe/Lisbon',
    cities: ['Lisboa', 'Sintra', 'Cascais'],
  },
  { region: 'Porto', country: 'PT', timeZone: 'Europe/Lisbon', cities: ['Porto', 'Braga', 'Gaia'] },
  {
    region: 'Açores',
    country: 'PT',
    timeZone: 'Atlantic/Azores',
    cities: ['Ponta Delgada', 'Angra'],
  },
  {
    region: 'Amazonas',
    country: 'BR',
    timeZone: 'America/Manaus',
    cities: ['Manaus', 'Parintins'],
  },
  { region: 'Pernambuco', country: 'BR', timeZone: 'America/Recife', cities: ['Recife', 'Olinda'] },
  {
    region: 'Bahia',
    country: 'BR',
    timeZone: 'America/Bahia',
    cities: ['Salvador', 'Feira de Santana'],
  },
  {
    region: 'Ciudad de México',
    country: 'MX',
    timeZone: 'America/Mexico_City',
    cities: ['Ciudad de México', 'Coyoacán'],
  },
  {
    region: 'Buenos Aires',
    country: 'AR',
    timeZone: 'America/Argentina/Buenos_Aires',
    cities: ['Buenos Aires', 'La Plata'],
  },
];
