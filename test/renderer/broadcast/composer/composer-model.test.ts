import { describe, expect, it } from 'vitest';
import type { BroadcastPlan } from '../../../../src-preload/contract/schemas/broadcast.ts';
import {
  blockers,
  broadcastArgs,
  confirmationFor,
  firstBlockedStep,
  howProblems,
  initialHow,
  messagingHealthy,
  testArgs,
  typedCountMatches,
  type Draft,
} from '../../../../src-renderer/features/broadcast/composer/composer-model.ts';
import {
  initialWhen,
  pcTimeToMs,
  toSchedule,
  whenProblem,
} from '../../../../src-renderer/features/broadcast/composer/schedule.ts';
import { account } from '../../musique/fixtures.ts';

const now = Date.UTC(2026, 11, 5, 0, 30);
const targets = {
  externalIds: ['a', 'b'],
  stores: 2,
  timeZones: [
    { timeZone: 'Asia/Tokyo', stores: 1 },
    { timeZone: 'America/Sao_Paulo', stores: 1 },
  ],
  testStores: 0,
  regions: 1,
  excluded: 0,
  gone: [],
};
const draft: Draft = {
  audioId: 'a1',
  audioName: 'Opening',
  targets,
  when: initialWhen,
  how: initialHow,
};
const healthy = {
  health: {
    status: 'healthy' as const,
    components: [{ name: 'messaging', status: 'healthy' as const }],
  },
};
const plan = { passed: [] } as unknown as BroadcastPlan;

describe('the time fields', () => {
  it('refuses an absolute time that has passed, and turns a future one into UTC', () => {
    const past = { ...initialWhen, kind: 'at' as const, at: '2020-01-01T09:00' };
    expect(whenProblem(past, now, [])).toBe('past');
    const future = { ...initialWhen, kind: 'at' as const, at: '2030-01-01T09:00' };
    expect(whenProblem(future, now, [])).toBeUndefined();
    expect(toSchedule(future)).toEqual({
      kind: 'at',
      at: new Date(pcTimeToMs('2030-01-01T09:00')!).toISOString(),
    });
    expect(whenProblem({ ...initialWhen, kind: 'at' }, now, [])).toBe('missing');
  });

  it('refuses a local time only when it has passed in every chosen zone', () => {
    // 09:00 on Dec 5: 00:00 UTC in Tokyo (passed at 00:30), 12:00 UTC in São Paulo (to come).
    const local = {
      ...initialWhen,
      kind: 'local' as const,
      localDate: '2026-12-05',
      localTime: '09:00',
    };
    expect(whenProblem(local, now, ['Asia/Tokyo', 'America/Sao_Paulo'])).toBeUndefined();
    expect(whenProblem(local, now, ['Asia/Tokyo'])).toBe('pastEverywhere');
    // A zone name that is not one is main's to refuse by name, not a time in the past.
    expect(whenProblem(local, now, ['Asia/Tokyo', 'Not/AZone'])).toBeUndefined();
    // Before any store is chosen: refused only once passed in the furthest-behind zone.
    expect(
      whenProblem({ ...local, localDate: '2026-12-04', localTime: '13:00' }, now, []),
    ).toBeUndefined();
    expect(whenProblem({ ...local, localDate: '2026-12-03' }, now, [])).toBe('pastEverywhere');
    expect(toSchedule({ ...local, ifPassed: 'skip' })).toEqual({
      kind: 'local',
      localTime: '2026-12-05T09:00',
      ifPassed: 'skip',
    });
  });
});

describe('the options and the arguments', () => {
  it('takes repeat 1–10 and volume 0–100 as whole numbers', () => {
    expect(howProblems(initialHow)).toEqual({});
    expect(howProblems({ ...initialHow, repeat: '11', volume: '-1' })).toEqual({
      repeat: 'range',
      volume: 'range',
    });
    expect(howProblems({ ...initialHow, repeat: '2.5', volume: '' })).toEqual({
      repeat: 'range',
      volume: 'range',
    });
  });

  it('builds the call only from a complete draft, and a test send to one store, now', () => {
    expect(broadcastArgs(draft)).toEqual({
      audioId: 'a1',
      audioName: 'Opening',
      externalIds: ['a', 'b'],
      schedule: { kind: 'now' },
      options: { priority: 'normal', repeat: 1, volume: 80 },
    });
    expect(broadcastArgs({ ...draft, audioId: undefined })).toBeUndefined();
    expect(
      broadcastArgs({ ...draft, targets: { ...targets, stores: 0, externalIds: [] } }),
    ).toBeUndefined();
    const local = {
      ...initialWhen,
      kind: 'local' as const,
      localDate: '2026-12-05',
      localTime: '09:00',
    };
    expect(testArgs({ ...draft, when: local }, 'br_001')).toEqual({
      audioId: 'a1',
      audioName: 'Opening',
      externalIds: ['br_001'],
      schedule: { kind: 'now' },
      options: { priority: 'normal', repeat: 1, volume: 80 },
      test: true,
    });
  });
});

describe('what keeps a broadcast from going', () => {
  it('names each missing part with the step that fixes it', () => {
    const list = blockers(
      {
        ...draft,
        audioId: undefined,
        targets: { ...targets, stores: 0, externalIds: [] },
        how: { ...initialHow, volume: '300' },
      },
      undefined,
      now,
    );
    expect(list.map((b) => b.kind)).toEqual(['noAudio', 'noStores', 'how']);
    expect(firstBlockedStep(list)).toBe('what');
    expect(blockers(draft, undefined, now).map((b) => b.kind)).toEqual(['noPlan']);
    expect(blockers(draft, plan, now)).toEqual([]);
  });

  it('asks for the passed-zone choice when the plan lists passed zones', () => {
    const local = {
      ...initialWhen,
      kind: 'local' as const,
      localDate: '2026-12-05',
      localTime: '09:00',
    };
    const passed = {
      passed: [{ timeZone: 'Asia/Tokyo', stores: 1, scheduleAt: '2026-12-05T00:00:00.000Z' }],
    } as BroadcastPlan;
    expect(blockers({ ...draft, when: local }, passed, now)).toEqual([
      { kind: 'passedChoice', step: 'when', zones: 1 },
    ]);
    expect(blockers({ ...draft, when: { ...local, ifPassed: 'nextDay' } }, passed, now)).toEqual(
      [],
    );
  });
});

describe('confirmation', () => {
  const dev = account({ environment: { name: 'dev', kind: 'development' } });
  it('sends one store on a development token with healthy messaging at once', () => {
    expect(confirmationFor(1, dev, healthy)).toEqual({
      ask: false,
      typed: false,
      messaging: false,
    });
  });
  it('asks for more than one store, types the count on production, asks again for messaging', () => {
    expect(confirmationFor(2, dev, healthy)).toEqual({ ask: true, typed: false, messaging: false });
    expect(confirmationFor(1, account(), healthy)).toEqual({
      ask: true,
      typed: true,
      messaging: false,
    });
    const degraded = {
      health: {
        status: 'degraded' as const,
        components: [{ name: 'messaging', status: 'degraded' as const }],
      },
    };
    expect(messagingHealthy(degraded)).toBe(false);
    expect(messagingHealthy(undefined)).toBe(false);
    expect(confirmationFor(1, dev, degraded)).toEqual({ ask: true, typed: false, messaging: true });
  });
  it('accepts the count typed with or without separators, and nothing else', () => {
    expect(typedCountMatches('1,204', 1204)).toBe(true);
    expect(typedCountMatches(' 1204 ', 1204)).toBe(true);
    expect(typedCountMatches('1203', 1204)).toBe(false);
    expect(typedCountMatches('', 0)).toBe(false);
    expect(typedCountMatches('12a', 12)).toBe(false);
  });
});
