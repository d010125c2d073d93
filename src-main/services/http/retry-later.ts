/**
 * "Try again at 14:00": the wording of a refusal that ends at a known time (a `Retry-After`,
 * an exhausted quota window). The time is rounded up to the minute, so trying at the stated
 * minute works, and given in this PC's time zone.
 */
export function clockTime(atMs: number, timeZone?: string): string {
  const rounded = Math.ceil(atMs / 60_000) * 60_000;
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(rounded));
}

export function tryAgainAt(atMs: number, timeZone?: string): string {
  return `Try again at ${clockTime(atMs, timeZone)}.`;
}
