import { describe, expect, it } from 'vitest';
import { createStaleAnswerGuard } from '../../../src-renderer/api/stale-answer-guard.ts';

describe('stale answer guard', () => {
  it('keeps an answer when no event was pushed while the request was out', () => {
    const guard = createStaleAnswerGuard();
    const fresh = guard.begin();
    expect(fresh()).toBe(true);
  });

  it('drops an answer to a request sent before a pushed event', () => {
    const guard = createStaleAnswerGuard();
    const fresh = guard.begin();
    guard.pushed();
    expect(fresh()).toBe(false);
  });

  it('keeps an answer to a request sent after the push', () => {
    const guard = createStaleAnswerGuard();
    const early = guard.begin();
    guard.pushed();
    const late = guard.begin();
    expect(early()).toBe(false);
    expect(late()).toBe(true);
  });

  it('keeps each guard to its own pushes', () => {
    const one = createStaleAnswerGuard();
    const other = createStaleAnswerGuard();
    const fresh = one.begin();
    other.pushed();
    expect(fresh()).toBe(true);
  });
});
