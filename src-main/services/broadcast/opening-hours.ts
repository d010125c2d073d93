/**
 * Is a store open when its announcement plays? Read from the directory's opening hours
 * (`08:00-22:00`, `closed`, or absent when not known). A range whose closing time is before its
 * opening time runs past midnight (`22:00-02:00`): its small hours belong to the day it opened,
 * so 01:00 on Tuesday is inside Monday's `22:00-02:00`. A day whose hours are not known never
 * warns. Pure; the composer only warns, it never refuses.
 */
import type { LocalMoment } from '../../../src-preload/contract/schemas/local-time.ts';
import {
  weekdays,
  type OpeningHours,
  type Weekday,
} from '../../../src-preload/contract/schemas/stores.ts';

const range = (hours: string | undefined) => {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours ?? '');
  if (!match) return undefined;
  const [oh = 0, om = 0, ch = 0, cm = 0] = match.slice(1).map(Number);
  return { open: oh * 60 + om, close: ch * 60 + cm };
};

const previousDay = (day: Weekday): Weekday => weekdays[(weekdays.indexOf(day) + 6) % 7]!;

/**
 * What the hours say at that moment: `open`, `closed` (with the day's entry), or `unknown`
 * (no entry for that day, or one that cannot be read).
 */
export function openAt(
  hours: OpeningHours | undefined,
  at: Pick<LocalMoment, 'weekday' | 'minute'>,
): { state: 'open' | 'unknown' } | { state: 'closed'; hours: string } {
  const today = hours?.[at.weekday]?.trim();
  // Yesterday's range may run past midnight into this morning.
  const yesterday = range(hours?.[previousDay(at.weekday)]);
  if (yesterday && yesterday.close < yesterday.open && at.minute < yesterday.close)
    return { state: 'open' };
  if (!today) return { state: 'unknown' };
  if (today.toLowerCase() === 'closed') return { state: 'closed', hours: 'closed' };
  const span = range(today);
  if (!span) return { state: 'unknown' };
  const inside =
    span.close > span.open
      ? at.minute >= span.open && at.minute < span.close
      : at.minute >= span.open; // overnight: the part after midnight is tomorrow's question
  return inside ? { state: 'open' } : { state: 'closed', hours: today };
}
