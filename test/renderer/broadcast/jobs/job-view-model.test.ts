import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  inIndicator,
  needsDecision,
  nextPlayAt,
  reasonKind,
  sortJobs,
  stateOf,
} from '../../../../src-renderer/features/broadcast/jobs/job-view-model.ts';
import { counts, job, unknownChunk } from './fixtures.ts';

describe('the job view-model', () => {
  it('lists jobs in progress first (newest first), then finished ones by when they finished', () => {
    const sorted = sortJobs([
      job({ id: 'job_a', phase: 'done', finishedAt: '2026-03-01T10:00:00Z' }),
      job({ id: 'job_b', createdAt: '2026-03-01T08:00:00Z' }),
      job({ id: 'job_c', phase: 'done', finishedAt: '2026-03-01T11:00:00Z' }),
      job({ id: 'job_d', phase: 'needs-attention', createdAt: '2026-03-01T09:30:00Z' }),
    ]);
    expect(sorted.map((j) => j.id)).toEqual(['job_d', 'job_b', 'job_c', 'job_a']);
  });

  it('names each state, a quota wait and an engine pause apart from the others', () => {
    expect(stateOf(job())).toBe('running');
    expect(stateOf(job({ waiting: { window: 'day', resumesAt: 0 } }))).toBe('waiting');
    expect(stateOf(job({ phase: 'paused' }))).toBe('paused-by-user');
    expect(stateOf(job({ phase: 'paused', pauseReason: { code: 'x', message: 'y' } }))).toBe(
      'paused-by-engine',
    );
    expect(stateOf(job({ phase: 'done', counts: counts({ sent: 1, failed: 1 }) }))).toBe(
      'done-with-failures',
    );
    expect(stateOf(job({ phase: 'done', counts: counts({ cancelled: 5 }) }))).toBe('cancelled');
    expect(stateOf(job({ phase: 'done', counts: counts({ sent: 5, cancelled: 5 }) }))).toBe('done');
  });

  it('offers only the actions that apply', () => {
    expect(actionsOf(job())).toEqual({
      pause: true,
      resume: false,
      cancel: true,
      retryFailed: false,
      resolveUnknown: false,
    });
    expect(
      actionsOf(
        job({
          phase: 'needs-attention',
          counts: counts({ sent: 1, failed: 2, unknown: 3 }),
          unknown: [unknownChunk(0, 3)],
        }),
      ),
    ).toEqual({
      pause: false,
      resume: false,
      cancel: false,
      retryFailed: true,
      resolveUnknown: true,
    });
  });

  it('sorts pause reasons by what the user can do about them', () => {
    expect(reasonKind({ code: 'invalid_token', message: '' })).toBe('token');
    expect(reasonKind({ code: 'insufficient_permissions', message: '' })).toBe('permission');
    expect(reasonKind({ code: 'not_found', message: '' })).toBe('audio');
    expect(reasonKind({ code: 'whatever', message: '', status: 403 })).toBe('permission');
    expect(reasonKind({ code: 'whatever', message: '' })).toBe('other');
  });

  it('keeps a finished job with unanswered questions in the indicator until they are left', () => {
    const asking = job({
      phase: 'needs-attention',
      counts: counts({ unknown: 100 }),
      unknown: [unknownChunk(4)],
    });
    expect(inIndicator(asking)).toBe(true);
    expect(needsDecision(asking)).toBe(true);
    // Left as unknown (main marks the chunk): nothing is asked any more.
    const left = { ...asking, unknown: [{ ...unknownChunk(4), left: true }] };
    expect(needsDecision(left)).toBe(false);
    expect(inIndicator({ ...left, phase: 'done' })).toBe(false);
  });

  it('finds the next play time of a scheduled job after the demo clock', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    expect(nextPlayAt(job(), now)).toBeUndefined();
    expect(nextPlayAt(job({ schedule: { kind: 'at', at: '2026-03-10T12:00:00Z' } }), now)).toBe(
      Date.parse('2026-03-10T12:00:00Z'),
    );
    expect(
      nextPlayAt(job({ schedule: { kind: 'at', at: '2026-03-10T09:00:00Z' } }), now),
    ).toBeUndefined();
    const local = job({ schedule: { kind: 'local', localTime: '2026-03-10T09:00' } });
    // 09:00 has passed in Lisbon (09:00Z) but not in New York (13:00Z).
    expect(nextPlayAt(local, now, ['Europe/Lisbon', 'America/New_York'])).toBe(
      Date.parse('2026-03-10T13:00:00Z'),
    );
    expect(nextPlayAt(local, now, ['Europe/Lisbon'])).toBeUndefined();
    const nextDay = job({
      schedule: { kind: 'local', localTime: '2026-03-10T09:00', ifPassed: 'nextDay' },
    });
    expect(nextPlayAt(nextDay, now, ['Europe/Lisbon'])).toBe(Date.parse('2026-03-11T09:00:00Z'));
  });
});
