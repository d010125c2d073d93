/**
 * The one local-time module main and the renderer share: a wall-clock time in a store's zone
 * to an instant and back, with the stated daylight-saving rule.
 */
import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  localMoment,
  localToUtc,
  nextDayLocal,
  zoneOffsetMs,
} from '../../src-preload/contract/schemas/local-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local time in a store zone', () => {
  it('finds a wall-clock time in a zone on either side of a change of offset', () => {
    // New York moved to EDT (UTC−4) on 8 March 2026; Lisbon is on WET (UTC+0) until 29 March.
    expect(iso(localToUtc('2026-03-10T09:00', 'America/New_York').utcMs)).toBe(
      '2026-03-10T13:00:00.000Z',
    );
    expect(iso(localToUtc('2026-03-06T09:00', 'America/New_York').utcMs)).toBe(
      '2026-03-06T14:00:00.000Z',
    );
    expect(localToUtc('2026-03-10T09:00', 'Europe/Lisbon')).toEqual({
      utcMs: Date.parse('2026-03-10T09:00:00Z'),
    });
  });

  it('moves a time in the spring-forward gap forward by the gap, and says so', () => {
    const gap = localToUtc('2026-03-08T02:30', 'America/New_York');
    expect(gap.adjusted).toBe('gap');
    // 02:30 does not exist that night; 03:30 EDT does.
    expect(iso(gap.utcMs)).toBe('2026-03-08T07:30:00.000Z');
    expect(localMoment(gap.utcMs, 'America/New_York').wall).toBe('2026-03-08T03:30');
  });

  it('takes the first of a time that happens twice in the autumn overlap, and says so', () => {
    const overlap = localToUtc('2026-11-01T01:30', 'America/New_York');
    expect(overlap.adjusted).toBe('overlap');
    expect(iso(overlap.utcMs)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not EST
  });

  it('reads the wall clock of a zone: weekday, minutes since midnight, local time', () => {
    // 2026-12-06 is a Sunday; 23:30 UTC is already Monday 08:30 in Tokyo.
    expect(localMoment(Date.parse('2026-12-06T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      weekday: 'mon',
      minute: 8 * 60 + 30,
      wall: '2026-12-07T08:30',
    });
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('moves a local time to the next calendar day, across months and a change of offset', () => {
    expect(nextDayLocal('2026-03-31T09:00')).toBe('2026-04-01T09:00');
    expect(nextDayLocal('2026-03-07T09:00')).toBe('2026-03-08T09:00');
    // The next day's 09:00 in New York is 23 hours later, not 24: the clocks went forward.
    const before = localToUtc('2026-03-07T09:00', 'America/New_York').utcMs;
    const after = localToUtc(nextDayLocal('2026-03-07T09:00'), 'America/New_York').utcMs;
    expect(after - before).toBe(23 * 3_600_000);
  });

  it('knows a time zone from a name that is not one, and refuses what is not a local time', () => {
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localToUtc('2026-03-07 09:00', 'UTC')).toThrow(RangeError);
  });
});
