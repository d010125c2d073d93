import { describe, expect, it } from 'vitest';
import { createProgressThrottle } from '../../../src-main/services/library/progress-throttle.ts';

describe('progress throttle', () => {
  it('passes the first step, phase changes and one step per interval', () => {
    let now = 1_000;
    const throttle = createProgressThrottle({ everyMs: 100, now: () => now });
    expect(throttle.admit('tracks')).toBe(true);
    now += 50;
    expect(throttle.admit('tracks')).toBe(false);
    expect(throttle.admit('metadata')).toBe(true);
    now += 99;
    expect(throttle.admit('metadata')).toBe(false);
    now += 1;
    expect(throttle.admit('metadata')).toBe(true);
  });

  it('treats the first step after a reset as a first step again', () => {
    let now = 0;
    const throttle = createProgressThrottle({ everyMs: 100, now: () => now });
    expect(throttle.admit('tracks')).toBe(true);
    now += 10;
    expect(throttle.admit('tracks')).toBe(false);
    throttle.reset();
    expect(throttle.admit('tracks')).toBe(true);
  });
});
