import { describe, expect, it } from 'vitest';
import {
  filtersProblem,
  historyQuery,
  noFilters,
  outcomeOf,
} from '../../../../src-renderer/features/broadcast/history/history-view-model.ts';
import { counts, job, unknownChunk } from '../jobs/fixtures.ts';

describe('the history view-model', () => {
  it('leaves blank filters out and makes "to" include its whole day', () => {
    expect(historyQuery(noFilters)).toEqual({});
    expect(historyQuery({ ...noFilters, to: '2026-12-31', externalId: '  ' })).toEqual({
      to: new Date(2027, 0, 1).toISOString(),
    });
  });

  it('refuses a range that ends before it starts, and accepts a single day', () => {
    expect(filtersProblem({ ...noFilters, from: '2026-03-02', to: '2026-03-01' })).toBe(
      'dateOrder',
    );
    expect(filtersProblem({ ...noFilters, from: '2026-03-02', to: '2026-03-02' })).toBeUndefined();
  });

  it("names a job's outcome as the status filter does", () => {
    expect(outcomeOf(job())).toBe('active');
    expect(outcomeOf(job({ phase: 'stopped' }))).toBe('active');
    expect(
      outcomeOf(
        job({
          phase: 'needs-attention',
          counts: counts({ sent: 1, unknown: 1 }),
          unknown: [unknownChunk(0, 1)],
        }),
      ),
    ).toBe('with-unknown');
    expect(outcomeOf(job({ phase: 'done', counts: counts({ sent: 3, failed: 1 }) }))).toBe(
      'with-failures',
    );
    expect(outcomeOf(job({ phase: 'done', counts: counts({ sent: 3, cancelled: 2 }) }))).toBe(
      'cancelled',
    );
    expect(outcomeOf(job({ phase: 'done', counts: counts({ sent: 3 }) }))).toBe('complete');
  });
});
