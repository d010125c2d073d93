import { describe, expect, it } from 'vitest';
import { pathMatches } from '../../../src-main/sandbox/control/faults.ts';
import { createRouteTable, normalizePath } from '../../../src-main/sandbox/http/route-table.ts';
import { parseIsoInstant } from '../../../src-main/sandbox/iso-time.ts';
import { decodeCursor, encodeCursor } from '../../../src-main/sandbox/queye/paging.ts';

describe('ISO-8601 instants', () => {
  it('parses zoned instants exactly and refuses ambiguous or impossible ones', () => {
    expect(parseIsoInstant('2026-05-01T09:30:00Z')).toBe(Date.UTC(2026, 4, 1, 9, 30));
    expect(parseIsoInstant('2026-05-01T09:30Z')).toBe(Date.UTC(2026, 4, 1, 9, 30));
    expect(parseIsoInstant('2026-05-01T11:30:00.250+02:00')).toBe(
      Date.UTC(2026, 4, 1, 9, 30, 0, 250),
    );
    expect(parseIsoInstant('2026-05-01T04:00:00-0530')).toBe(Date.UTC(2026, 4, 1, 9, 30));
    expect(parseIsoInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoInstant('2026-05-01', { dateOnly: true })).toBe(Date.UTC(2026, 4, 1));
    for (const bad of [
      '2026-05-01',
      '2026-05-01T09:30:00',
      '2025-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-05-01T24:00:00Z',
      'soon',
      '2026-05-01T09:30:00+25:00',
    ]) {
      expect(parseIsoInstant(bad)).toBeUndefined();
    }
  });
});

describe('fault path patterns', () => {
  it.each([
    ['/v1/library/tracks', '/v1/library/tracks', true],
    ['/v1/library/tracks', '/v1/library/tracks/', true],
    ['/v1/library/*', '/v1/library/tracks', true],
    ['/v1/library/*', '/v1/library/albums/a/tracks', false],
    ['/v1/library/**', '/v1/library/albums/a/tracks', true],
    ['/v1/library/**', '/v1/library', true],
    ['/api/*/send', '/api/aud_1/send', true],
    ['/api/*/send', '/api/aud_1/send/x', false],
    ['**', '/anything/at/all', true],
    ['/v1/Library/tracks', '/v1/library/tracks', false],
  ])('%s vs %s', (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected);
  });
});

describe('router', () => {
  it('prefers literal segments and tells 404 from 405', () => {
    const router = createRouteTable<string>()
      .add('POST /api/:id/send', 'send')
      .add('POST /api/integration/test', 'test')
      .add('DELETE /api/:id', 'delete');
    expect(router.match('POST', '/api/integration/test')).toMatchObject({ handler: 'test' });
    expect(router.match('POST', '/api/aud_1/send')).toMatchObject({
      handler: 'send',
      params: { id: 'aud_1' },
    });
    expect(router.match('GET', '/api/aud_1')).toEqual({
      kind: 'method_not_allowed',
      allowed: ['DELETE'],
    });
    expect(router.match('GET', '/nothing')).toEqual({ kind: 'not_found' });
    expect(router.match('DELETE', '/api/%E0%A4%A')).toEqual({ kind: 'not_found' });
    expect(normalizePath('//a///b/')).toBe('/a/b');
  });
});

describe('cursors', () => {
  it('round-trip and refuse tampering or reuse across listings', () => {
    const cursor = encodeCursor('s', 'tracks', [1_700_000_000_000, 42]);
    expect(decodeCursor('s', 'tracks', cursor, 2)).toEqual([1_700_000_000_000, 42]);
    expect(() => decodeCursor('other-secret', 'tracks', cursor, 2)).toThrow('Malformed cursor.');
    expect(() => decodeCursor('s', 'albums', cursor, 2)).toThrow(
      'This cursor belongs to a different listing.',
    );
    expect(() => decodeCursor('s', 'tracks', cursor, 1)).toThrow('Malformed cursor.');
  });
});
