/**
 * Time zones of the store directory: which names are accepted, and what to suggest for the
 * names people actually type (`GMT-3`, `Brasilia`, `hora de Lisboa`). Shared by main (import
 * validation) and the renderer (the edit form), so both say the same thing. Only IANA names are
 * stored: an offset like `GMT-3` is wrong half the year wherever clocks change.
 */

/** Folds case, accents and separators: `São Paulo` → `saopaulo`. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+-]/g, '');
}

let known: Map<string, string> | undefined;

/** Every IANA name this runtime knows, keyed by its folded form. */
function knownZones(): Map<string, string> {
  if (!known) {
    known = new Map();
    const names = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Asia/Kolkata'];
    for (const name of names) known.set(name.toLowerCase(), name);
  }
  return known;
}

// Asking the runtime builds a formatter (tens of microseconds); an import asks for the same few
// names thousands of times.
const accepted = new Map<string, boolean>();

function runtimeAccepts(name: string): boolean {
  let ok = accepted.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      ok = true;
    } catch {
      ok = false;
    }
    if (accepted.size < 1000) accepted.set(name, ok);
  }
  return ok;
}

/**
 * The stored spelling of a valid IANA name (case as the database has it), or undefined.
 * Offsets and abbreviations (`GMT-3`, `-03:00`, `EST`) are refused even where the runtime would
 * take them: they do not follow daylight saving.
 */
export function canonicalTimeZone(raw: string): string | undefined {
  const name = raw.trim();
  if (!name || name.length > 64) return undefined;
  const listed = knownZones().get(name.toLowerCase());
  if (listed) return listed;
  // Links the list leaves out (`America/Buenos_Aires`, `US/Eastern`) are still IANA names.
  if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name) && runtimeAccepts(name)) return name;
  return undefined;
}

/** Common ways of naming a zone, folded, that are not IANA names. */
const aliases: Record<string, string> = {
  brasilia: 'America/Sao_Paulo',
  brazil: 'America/Sao_Paulo',
  brasil: 'America/Sao_Paulo',
  brt: 'America/Sao_Paulo',
  horadebrasilia: 'America/Sao_Paulo',
  horariodebrasilia: 'America/Sao_Paulo',
  saopaulo: 'America/Sao_Paulo',
  riodejaneiro: 'America/Sao_Paulo',
  rio: 'America/Sao_Paulo',
  amt: 'America/Manaus',
  amazonas: 'America/Manaus',
  portugal: 'Europe/Lisbon',
  lisboa: 'Europe/Lisbon',
  horadelisboa: 'Europe/Lisbon',
  porto: 'Europe/Lisbon',
  wet: 'Europe/Lisbon',
  west: 'Europe/Lisbon',
  acores: 'Atlantic/Azores',
  azores: 'Atlantic/Azores',
  est: 'America/New_York',
  edt: 'America/New_York',
  eastern: 'America/New_York',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  central: 'America/Chicago',
  mst: 'America/Denver',
  mountain: 'America/Denver',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  mexico: 'America/Mexico_City',
  ciudaddemexico: 'America/Mexico_City',
  buenosaires: 'America/Argentina/Buenos_Aires',
  argentina: 'America/Argentina/Buenos_Aires',
  gmt: 'Etc/UTC',
  utc: 'UTC',
  z: 'UTC',
  cet: 'Europe/Paris',
  bst: 'Europe/London',
  ist: 'Asia/Kolkata',
  jst: 'Asia/Tokyo',
};

/** For a bare offset, the zone most of our customers mean (Brazil, Portugal, the Americas). */
const byOffset: Record<string, string> = {
  '-10': 'Pacific/Honolulu',
  '-9': 'America/Anchorage',
  '-8': 'America/Los_Angeles',
  '-7': 'America/Denver',
  '-6': 'America/Chicago',
  '-5': 'America/New_York',
  '-4': 'America/Manaus',
  '-3': 'America/Sao_Paulo',
  '-2': 'America/Noronha',
  '-1': 'Atlantic/Azores',
  '0': 'Europe/Lisbon',
  '1': 'Europe/Paris',
  '2': 'Europe/Athens',
  '3': 'Europe/Moscow',
  '5.5': 'Asia/Kolkata',
  '8': 'Asia/Shanghai',
  '9': 'Asia/Tokyo',
  '10': 'Australia/Sydney',
};

function offsetSuggestion(raw: string): string | undefined {
  const match = /^(?:gmt|utc)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?(?:h)?$/i.exec(raw.trim());
  if (!match) return undefined;
  const sign = match[1] === '+' ? 1 : -1;
  const hours = Number(match[2]) + Number(match[3] ?? 0) / 60;
  return byOffset[String(sign * hours === 0 ? 0 : sign * hours)];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The closest known IANA name for something that is not one: an alias, an offset, a city
 * (`Lisbon` → `Europe/Lisbon`), or a near miss in spelling (`America/Sao_Palo`).
 */
export function suggestTimeZone(raw: string): string | undefined {
  const folded = foldName(raw);
  if (!folded) return undefined;
  const alias = aliases[folded];
  if (alias) return alias;
  const offset = offsetSuggestion(raw);
  if (offset) return offset;
  let best: { name: string; score: number } | undefined;
  for (const name of knownZones().values()) {
    const city = foldName(name.slice(name.lastIndexOf('/') + 1));
    if (city === folded) return name;
    const score = Math.min(distance(folded, foldName(name)), distance(folded, city));
    if (!best || score < best.score) best = { name, score };
  }
  // Only a near miss is worth suggesting; anything further is a guess.
  return best && best.score <= Math.max(2, Math.floor(folded.length / 5)) ? best.name : undefined;
}
