import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatLongDuration,
  formatRelative,
} from '../../../src-renderer/lib/format.ts';

describe('formatting', () => {
  it.each([
    [0, '0:00'],
    [83, '1:23'],
    [296.7, '4:56'],
    [3723, '1:02:03'],
    [Number.NaN, '–'],
    [-1, '–'],
    [undefined, '–'],
  ])('duration %s → %s', (input, output) => expect(formatDuration(input)).toBe(output));

  it.each([
    [0, '0 B'],
    [1536, '1.5 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [10 * 1024 * 1024 + 1, '10 MB'],
    [null, '–'],
  ])('bytes %s → %s', (input, output) => expect(formatBytes(input)).toBe(output));

  it('long durations and relative times', () => {
    expect(formatLongDuration(43_500)).toBe('12 h 5 min');
    expect(formatLongDuration(2700)).toBe('45 min');
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(formatRelative('2026-11-22T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-11-22T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-11-22T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('garbage', now)).toBe('–');
  });
});
