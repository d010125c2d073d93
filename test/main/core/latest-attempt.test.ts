import { describe, expect, it } from 'vitest';
import { createLatestAttempt } from '../../../src-main/services/core/latest-attempt.ts';
import { createSerialQueue } from '../../../src-main/services/core/serial-queue.ts';

describe('latest attempt', () => {
  it('a new attempt makes the earlier one stale, and only the newest is current', () => {
    const attempts = createLatestAttempt();
    const first = attempts.begin();
    expect(first.isCurrent()).toBe(true);
    const second = attempts.begin();
    expect(first.isCurrent()).toBe(false);
    expect(second.isCurrent()).toBe(true);
  });

  it('superseding makes every attempt stale for good', () => {
    const attempts = createLatestAttempt();
    const first = attempts.begin();
    attempts.supersede();
    expect(first.isCurrent()).toBe(false);
    const next = attempts.begin();
    expect(first.isCurrent()).toBe(false);
    expect(next.isCurrent()).toBe(true);
  });
});

describe('serial queue', () => {
  it('runs work one at a time in order; a failure reaches its caller and not the next', async () => {
    const queue = createSerialQueue();
    const order: string[] = [];
    let release!: () => void;
    const first = queue.run(async () => {
      order.push('first start');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first end');
      throw new Error('first failed');
    });
    const second = queue.run(() => {
      order.push('second');
      return Promise.resolve(2);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first start']);
    release();
    await expect(first).rejects.toThrow('first failed');
    await expect(second).resolves.toBe(2);
    expect(order).toEqual(['first start', 'first end', 'second']);
    await expect(queue.idle()).resolves.toBeUndefined();
  });
});
