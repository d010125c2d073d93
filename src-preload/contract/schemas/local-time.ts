/**
 * Wall-clock time in a store's own time zone — the one place main (planning, opening hours)
 * and the renderer (the composer's field checks, the job view's next play time) convert
 * between a local time and an instant. Built on the Temporal polyfill rather than hand-rolled
 * offset arithmetic: Temporal's `compatible` disambiguation *is* the stated rule — a local
 * time that does not exist (the spring-forward gap) moves forward by the gap's length, 02:30
 * becoming 03:30; a local time that happens twice (the autumn overlap) means the first one.
 * No Node imports: the renderer shares this file.
 */
import { Temporal } from 'temporal-polyfill';
import { weekdays, type Weekday } from './stores.ts';

/** `YYYY-MM-DDTHH:MM`, a wall-clock time with no zone. */
export const localTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isTimeZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

const plain = (localTime: string) => {
  if (!localTimePattern.test(localTime)) throw new RangeError(`not a local time: ${localTime}`);
  return Temporal.PlainDateTime.from(localTime);
};

/**
 * The instant a wall-clock time names in `zone`, by the rule above; `adjusted` says when the
 * rule had to choose (the time fell in a gap, or in an overlap).
 */
export function localToUtc(
  localTime: string,
  zone: string,
): { utcMs: number; adjusted?: 'gap' | 'overlap' } {
  const wall = plain(localTime);
  const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(zone, { disambiguation: 'later' });
  const chosen = wall.toZonedDateTime(zone, { disambiguation: 'compatible' });
  const utcMs = chosen.epochMilliseconds;
  if (!chosen.toPlainDateTime().equals(wall)) return { utcMs, adjusted: 'gap' };
  if (earlier.epochMilliseconds !== later.epochMilliseconds) return { utcMs, adjusted: 'overlap' };
  return { utcMs };
}

/** The same wall-clock time one calendar day later (`2026-03-28T09:00` → `2026-03-29T09:00`). */
export function nextDayLocal(localTime: string): string {
  return plain(localTime).add({ days: 1 }).toString({ smallestUnit: 'minute' });
}

/** Milliseconds `zone` is ahead of UTC at the instant `utcMs`. */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  const zoned = Temporal.Instant.fromEpochMilliseconds(utcMs).toZonedDateTimeISO(zone);
  return zoned.offsetNanoseconds / 1_000_000;
}

export interface LocalMoment {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
  /** `YYYY-MM-DDTHH:MM`, local. */
  wall: string;
}

/** What the clock on the wall of a store in `zone` says at the instant `utcMs`. */
export function localMoment(utcMs: number, zone: string): LocalMoment {
  const zoned = Temporal.Instant.fromEpochMilliseconds(utcMs).toZonedDateTimeISO(zone);
  return {
    // Temporal's dayOfWeek: 1 is Monday, as `weekdays` starts.
    weekday: weekdays[zoned.dayOfWeek - 1]!,
    minute: zoned.hour * 60 + zoned.minute,
    wall: zoned.toPlainDateTime().toString({ smallestUnit: 'minute' }),
  };
}
