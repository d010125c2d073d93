import { describe, expect, it } from 'vitest';
import type { BroadcastRequestArgs } from '../../../src-preload/contract/schemas/broadcast.ts';
import type { AppError } from '../../../src-main/services/core/errors.ts';
import { openAt } from '../../../src-main/services/broadcast/opening-hours.ts';
import { planSchedule } from '../../../src-main/services/broadcast/plan.ts';
import { localMoment, nextDayLocal } from '../../../src-preload/contract/schemas/local-time.ts';
import {
  checkStartable,
  describePlan,
  prepare,
  type DirectoryStore,
  type StoreDirectoryPort,
} from '../../../src-main/services/broadcast/prepare.ts';

// 2026-07-01 12:00 UTC: 09:00 has passed in London (08:00 UTC) and Lisbon (08:00 UTC) but not
// in New York (13:00 UTC) or Los Angeles (16:00 UTC).
const now = Date.UTC(2026, 6, 1, 12, 0);
const stores: DirectoryStore[] = [
  { externalId: 'ny1', timeZone: 'America/New_York' },
  { externalId: 'ln1', timeZone: 'Europe/London', testStore: true },
  { externalId: 'la1', timeZone: 'America/Los_Angeles' },
  { externalId: 'ln2', timeZone: 'Europe/London' },
  { externalId: 'li1', timeZone: 'Europe/Lisbon' },
];
const directoryOf = (list: DirectoryStore[]): StoreDirectoryPort => {
  const byId = new Map(list.map((s) => [s.externalId, s]));
  return { find: (id) => byId.get(id) };
};
const directory = directoryOf(stores);
const request = (extra: Partial<BroadcastRequestArgs> = {}): BroadcastRequestArgs => ({
  audioId: 'aud_1',
  externalIds: stores.map((s) => s.externalId),
  schedule: { kind: 'local', localTime: '2026-07-01T09:00' },
  options: {},
  ...extra,
});
const local = (ifPassed?: 'now' | 'nextDay' | 'skip') => ({
  kind: 'local' as const,
  localTime: '2026-07-01T09:00',
  ...(ifPassed ? { ifPassed } : {}),
});
const refusal = (work: () => unknown): AppError['shape'] => {
  try {
    work();
  } catch (error) {
    return (error as AppError).shape;
  }
  throw new Error('expected a refusal');
};

describe('passed zones (pure)', () => {
  it('lists the zones whose local time has passed, earliest first, and never throws for them', () => {
    const prepared = prepare(request(), directory, now);
    expect(prepared.passed).toEqual([
      { timeZone: 'Europe/Lisbon', stores: 1, scheduleAt: '2026-07-01T08:00:00.000Z' },
      { timeZone: 'Europe/London', stores: 2, scheduleAt: '2026-07-01T08:00:00.000Z' },
    ]);
    const plan = describePlan(prepared, now);
    expect(plan.passed).toHaveLength(2);
    expect(plan.timeZones).toBe(4);
    expect(plan.testStores).toBe(1);
    expect(plan.skipped).toBe(0);
  });

  it('without a choice, start is refused with the passed zones and what to choose', () => {
    const shape = refusal(() => checkStartable(request(), prepare(request(), directory, now), now));
    expect(shape.code).toBe('schedule_in_past');
    expect(shape.message).toContain('2 time zones (Europe/Lisbon, Europe/London)');
    expect(shape.action).toMatch(/send them now.*tomorrow.*leave them out/);
    expect((shape.details as { passed: unknown[] }).passed).toHaveLength(2);
  });

  it('"now" sends those zones at once, first, without a schedule time', () => {
    const args = request({ schedule: local('now') });
    const prepared = prepare(args, directory, now);
    expect(() => checkStartable(args, prepared, now)).not.toThrow();
    expect(prepared.chunks.map((c) => [c.timeZone, c.scheduleAt, c.moved])).toEqual([
      ['Europe/Lisbon', undefined, 'now'],
      ['Europe/London', undefined, 'now'],
      ['America/New_York', '2026-07-01T13:00:00.000Z', undefined],
      ['America/Los_Angeles', '2026-07-01T16:00:00.000Z', undefined],
    ]);
    expect(prepared.chunks[1]!.externalIds).toEqual(['ln1', 'ln2']);
    const groups = describePlan(prepared, now).groups;
    expect(groups.filter((g) => g.moved === 'now').map((g) => g.timeZone)).toEqual([
      'Europe/Lisbon',
      'Europe/London',
    ]);
  });

  it('"nextDay" moves them to the same wall-clock time the next day', () => {
    const prepared = prepare(request({ schedule: local('nextDay') }), directory, now);
    expect(prepared.chunks.map((c) => [c.timeZone, c.scheduleAt, c.moved])).toEqual([
      ['America/New_York', '2026-07-01T13:00:00.000Z', undefined],
      ['America/Los_Angeles', '2026-07-01T16:00:00.000Z', undefined],
      ['Europe/Lisbon', '2026-07-02T08:00:00.000Z', 'nextDay'],
      ['Europe/London', '2026-07-02T08:00:00.000Z', 'nextDay'],
    ]);
    expect(nextDayLocal('2026-12-31T23:30')).toBe('2027-01-01T23:30');
  });

  it('"nextDay" into a daylight-saving gap follows the same rule', () => {
    // 01:30 on 28 March 2026 has passed in London; 29 March 01:30 does not exist → 02:30 BST.
    const { chunks } = planSchedule(
      [{ externalId: 'a', timeZone: 'Europe/London' }],
      { kind: 'local', localTime: '2026-03-28T01:30', ifPassed: 'nextDay' },
      100,
      Date.UTC(2026, 2, 28, 12),
    );
    expect(chunks).toEqual([
      {
        index: 0,
        externalIds: ['a'],
        scheduleAt: '2026-03-29T01:30:00.000Z',
        timeZone: 'Europe/London',
        adjusted: 'gap',
        moved: 'nextDay',
      },
    ]);
  });

  it('"skip" leaves them out and counts them; all skipped is refused', () => {
    const args = request({ schedule: local('skip') });
    const prepared = prepare(args, directory, now);
    expect(prepared.skipped).toBe(3);
    expect(prepared.chunks.flatMap((c) => c.externalIds).sort()).toEqual(['la1', 'ny1']);
    expect(describePlan(prepared, now)).toMatchObject({ stores: 2, skipped: 3 });
    expect(() => checkStartable(args, prepared, now)).not.toThrow();
    const onlyPassed = request({ schedule: local('skip'), externalIds: ['ln1', 'li1'] });
    const shape = refusal(() =>
      checkStartable(onlyPassed, prepare(onlyPassed, directory, now), now),
    );
    expect(shape.code).toBe('nothing_to_send');
  });

  it('refuses an absolute time in the past, and a next day that has passed too', () => {
    expect(
      refusal(() =>
        prepare(request({ schedule: { kind: 'at', at: '2026-07-01T11:59:00Z' } }), directory, now),
      ).code,
    ).toBe('schedule_in_past');
    const stale = request({
      schedule: { kind: 'local', localTime: '2026-06-20T09:00', ifPassed: 'nextDay' },
    });
    expect(refusal(() => checkStartable(stale, prepare(stale, directory, now), now)).code).toBe(
      'schedule_in_past',
    );
  });
});

describe('test sends (pure)', () => {
  it('go to exactly one store marked as a test store', () => {
    expect(() =>
      prepare(request({ test: true, externalIds: ['ln1'] }), directory, now),
    ).not.toThrow();
    const notTest = refusal(() =>
      prepare(request({ test: true, externalIds: ['ln2'] }), directory, now),
    );
    expect(notTest.code).toBe('not_a_test_store');
    expect(notTest.message).toContain('ln2');
    const two = refusal(() =>
      prepare(request({ test: true, externalIds: ['ln1', 'ny1'] }), directory, now),
    );
    expect(two.code).toBe('not_a_test_store');
    expect(two.message).toContain('exactly one');
  });
});

describe('opening hours (pure)', () => {
  const monday = { weekday: 'mon' as const };
  it('open inside the range, closed outside it or on a closed day, unknown days never warn', () => {
    const hours = { mon: '08:00-22:00', tue: 'closed' };
    expect(openAt(hours, { ...monday, minute: 8 * 60 }).state).toBe('open');
    expect(openAt(hours, { ...monday, minute: 22 * 60 })).toEqual({
      state: 'closed',
      hours: '08:00-22:00',
    });
    expect(openAt(hours, { weekday: 'tue', minute: 600 })).toEqual({
      state: 'closed',
      hours: 'closed',
    });
    expect(openAt(hours, { weekday: 'wed', minute: 600 }).state).toBe('unknown');
    expect(openAt(undefined, { weekday: 'wed', minute: 600 }).state).toBe('unknown');
  });

  it('an overnight range covers the small hours of the next day', () => {
    const hours = { mon: '22:00-02:00', tue: 'closed', wed: '22:00-02:00' };
    expect(openAt(hours, { ...monday, minute: 23 * 60 }).state).toBe('open');
    expect(openAt(hours, { ...monday, minute: 21 * 60 }).state).toBe('closed');
    // 01:00 on Tuesday is still Monday night, although Tuesday itself is closed.
    expect(openAt(hours, { weekday: 'tue', minute: 60 }).state).toBe('open');
    expect(openAt(hours, { weekday: 'tue', minute: 3 * 60 }).state).toBe('closed');
    // Sunday has no hours: Monday's early morning is not covered by anything, and not known.
    expect(openAt(hours, { ...monday, minute: 60 }).state).toBe('closed');
    expect(openAt({ tue: '09:00-17:00' }, { weekday: 'wed', minute: 60 }).state).toBe('unknown');
  });

  it('reads the weekday and time in the store zone at its play time', () => {
    // 2026-07-01 is a Wednesday; 03:30 UTC is still Tuesday 23:30 in New York.
    expect(localMoment(Date.UTC(2026, 6, 1, 3, 30), 'America/New_York')).toEqual({
      weekday: 'tue',
      minute: 23 * 60 + 30,
      wall: '2026-06-30T23:30',
    });
  });

  it('the plan warns about stores closed at their play time, per zone', () => {
    const withHours = directoryOf([
      // 09:00 Wednesday in each zone.
      { externalId: 'open', timeZone: 'America/New_York', openingHours: { wed: '08:00-20:00' } },
      { externalId: 'late', timeZone: 'America/New_York', openingHours: { wed: '10:00-20:00' } },
      { externalId: 'shut', timeZone: 'America/Chicago', openingHours: { wed: 'closed' } },
      { externalId: 'night', timeZone: 'America/Chicago', openingHours: { tue: '22:00-10:00' } },
      { externalId: 'unknown', timeZone: 'America/Chicago', openingHours: { thu: 'closed' } },
      { externalId: 'none', timeZone: 'America/Chicago' },
    ]);
    const args = request({
      externalIds: ['open', 'late', 'shut', 'night', 'unknown', 'none'],
      schedule: { kind: 'local', localTime: '2026-07-01T09:00' },
    });
    const plan = describePlan(prepare(args, withHours, Date.UTC(2026, 6, 1, 5)), 0);
    expect(plan.outsideHours).toEqual({
      count: 2,
      stores: [
        {
          externalId: 'late',
          timeZone: 'America/New_York',
          playsAt: '2026-07-01T09:00',
          hours: 'wed 10:00-20:00',
        },
        {
          externalId: 'shut',
          timeZone: 'America/Chicago',
          playsAt: '2026-07-01T09:00',
          hours: 'wed closed',
        },
      ],
    });
  });
});
