import { describe, expect, it } from 'vitest';
import { cleanToken, tokenParts } from '../../../src-preload/contract/schemas/musique.ts';
import {
  readAudio,
  readAudioPage,
  readHealth,
  readLimits,
  readUsagePage,
} from '../../../src-main/services/musique/normalize.ts';
import { createQuotaTracker } from '../../../src-main/services/musique/governor/quota.ts';
import { hostRoot, musiqueRoutes } from '../../../src-main/services/musique/routes.ts';

describe('route profiles', () => {
  it('puts v1 calls under the base and legacy calls at absolute paths of the same host', () => {
    const v1 = musiqueRoutes('v1', 'https://api.musique.app/api/v1/integration');
    expect(v1.audio).toBe('https://api.musique.app/api/v1/integration/audio');
    expect(v1.deleteAudio('a 1')).toBe('https://api.musique.app/api/v1/integration/audio/a%201');
    expect(v1.auth).toBe('https://api.musique.app/api/integration/auth');
    expect(v1.logs).toBeUndefined();
    const legacy = musiqueRoutes('legacy', 'https://api.musique.app/api/v1/integration/');
    expect(legacy.info).toBe('https://api.musique.app/api/integration');
    expect(legacy.audioItem('x')).toBe('https://api.musique.app/api/audio/x');
    expect(legacy.deleteAudio('x')).toBe('https://api.musique.app/api/x');
    expect(legacy.test).toBe('https://api.musique.app/api/integration/test');
    expect(legacy.limits).toBe('https://api.musique.app/api/integration/limits');
  });

  it('finds the host root behind either edition of base URL', () => {
    expect(hostRoot('https://gw.example/musique/api/v1/integration')).toBe(
      'https://gw.example/musique',
    );
    expect(hostRoot('https://gw.example/musique/api')).toBe('https://gw.example/musique');
    expect(hostRoot('https://gw.example/custom/base')).toBe('https://gw.example');
  });
});

describe('tokens', () => {
  it('cleans pastes and reads the environment from the prefix', () => {
    expect(cleanToken(' msk_live_ab\r\ncd \t')).toBe('msk_live_abcd');
    expect(tokenParts('msk_live_abcd')?.environment).toEqual({ name: 'live', kind: 'production' });
    expect(tokenParts('msk_prod_abcd')?.environment.kind).toBe('production');
    expect(tokenParts('msk_dev_abcd')?.environment.kind).toBe('development');
    expect(tokenParts('msk_test_abcd')?.environment.kind).toBe('development');
    expect(tokenParts('msk_staging_abcd')?.environment).toEqual({
      name: 'staging',
      kind: 'unknown',
    });
    expect(tokenParts('msk-live-abcd')).toBeUndefined();
    expect(tokenParts('msk_live_ab cd')).toBeUndefined();
  });
});

describe('tolerant readers', () => {
  const item = { audioId: 'a1', name: 'Hello', stats: { timesPlayed: 3 } };

  it('reads id or audioId as an opaque string', () => {
    expect(readAudio({ id: 'x', audioId: 'y' })?.id).toBe('x');
    expect(readAudio({ audioId: 42 })?.id).toBe('42');
    expect(readAudio({ name: 'no id' })).toBeUndefined();
    expect(readAudio(item)).toMatchObject({
      id: 'a1',
      stats: { timesPlayed: 3, lastPlayedAt: null, totalRecipients: 0 },
    });
  });

  it('accepts every list shape', () => {
    for (const shape of [
      { items: [item], total: 1, hasMore: false },
      [item],
      { audio: [item] },
      { data: [item] },
    ]) {
      expect(readAudioPage(shape).items.map((i) => i.id)).toEqual(['a1']);
    }
    expect(readAudioPage({ items: [item, 'junk'] })).toMatchObject({ count: 2 });
    expect(readAudioPage({ unexpected: true }).items).toEqual([]);
  });

  it('reads health with unknown words and extra components', () => {
    const health = readHealth({
      status: 'DEGRADED',
      services: { database: 'healthy', storage: { status: 'down' }, cdn: 'wobbly' },
    });
    expect(health.status).toBe('degraded');
    expect(health.components).toEqual([
      { name: 'database', status: 'healthy' },
      { name: 'storage', status: 'down' },
      { name: 'cdn', status: 'unknown' },
    ]);
  });

  it('reads legacy limits and logs', () => {
    const limits = readLimits({
      limits: { perMinute: 100, perHour: 1000, perDay: 10000 },
      usage: { perMinute: 4, perHour: 40, perDay: 400 },
      remaining: { perMinute: 96 },
      resetAt: { perMinute: '2026-01-01T00:01:00Z' },
    });
    expect(limits.minute).toEqual({ limit: 100, remaining: 96, resetAt: '2026-01-01T00:01:00Z' });
    expect(limits.hour).toEqual({ limit: 1000, remaining: 960 });
    const logs = readUsagePage({
      items: [
        { timestamp: 't', method: 'get', endpoint: '/a', status: 200, durationMs: 3 },
        { method: 'GET' },
      ],
      total: 9,
    });
    expect(logs).toMatchObject({ count: 2, total: 9, items: [{ method: 'GET', status: 200 }] });
  });
});

describe('quota tracking', () => {
  const headers = (limit: number, remaining: number, resetSec: number) =>
    new Headers({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(resetSec),
    });

  it('takes the reported window exactly and counts the others down', () => {
    let now = Date.UTC(2026, 0, 1, 10, 0, 10);
    const quota = createQuotaTracker(() => now);
    const seen: number[] = [];
    quota.onChange((snapshot) => seen.push(snapshot.windows.minute?.remaining ?? -1));
    quota.observe(headers(100, 99, now / 1000 + 50));
    quota.observe(headers(100, 98, now / 1000 + 50));
    const snapshot = quota.snapshot();
    expect(snapshot.windows.minute).toMatchObject({ limit: 100, remaining: 98, exact: true });
    expect(snapshot.windows.hour).toMatchObject({ limit: 1000, remaining: 998, exact: false });
    expect(snapshot.windows.day).toMatchObject({ limit: 10_000, remaining: 9998, exact: false });
    expect(seen).toEqual([99, 98]);
    // The hour is now the tightest: the headers speak of it, by its limit.
    quota.observe(headers(1000, 5, now / 1000 + 3000));
    expect(quota.snapshot().windows.hour).toMatchObject({ remaining: 5, exact: true });
    expect(quota.snapshot().windows.minute?.remaining).toBeGreaterThanOrEqual(5);
    // A new minute starts full again.
    now += 60_000;
    expect(quota.snapshot().windows.minute).toMatchObject({ remaining: 100, exact: false });
  });

  it('ignores answers without rate-limit headers and shows a 429 wait', () => {
    const now = Date.UTC(2026, 0, 1);
    const quota = createQuotaTracker(() => now);
    quota.observe(new Headers());
    expect(quota.snapshot().windows).toEqual({});
    quota.block(now + 5000);
    expect(quota.snapshot().blockedUntil).toBe(new Date(now + 5000).toISOString());
  });
});
