import { describe, expect, it } from 'vitest';
import { calls } from '../../../src-preload/contract/contract.ts';
import { appError } from '../../../src-main/services/core/errors.ts';
import { createRouter, dispatch, type Handlers } from '../../../src-main/services/core/router.ts';
import { createEventBus } from '../../../src-main/services/core/events.ts';
import { createLogger, silentLogger } from '../../../src-main/services/log/logger.ts';
import { createRedactor } from '../../../src-main/services/log/redactor.ts';
import { createTestServices } from '../../support/services.ts';

const ctx = { origin: 'app://aislecast' };

describe('router', () => {
  it('has exactly one handler per declared call', async () => {
    const { services, cleanup } = await createTestServices();
    try {
      expect(Object.keys(services.router).sort()).toEqual(Object.keys(calls).sort());
    } finally {
      await cleanup();
    }
  });

  it('rejects malformed arguments with a typed error and keeps serving', async () => {
    const { services, cleanup } = await createTestServices();
    try {
      const bad = await services.router['settings.set']({ ui: { theme: 'neon' } }, ctx);
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.code).toBe('invalid_arguments');
        expect(bad.error.details).toMatchObject({ issues: [{ path: 'ui.theme' }] });
      }
      const extraKey = await services.router['settings.set']({ ui: { theme: 'dark', x: 1 } }, ctx);
      expect(extraKey.ok).toBe(false);
      const stray = await services.router['app.info']({ anything: true }, ctx);
      expect(stray.ok).toBe(false);
      const good = await services.router['app.ping']({ echo: 'hi' }, ctx);
      expect(good).toMatchObject({ ok: true, value: { pong: true, echo: 'hi' } });
    } finally {
      await cleanup();
    }
  });

  it('maps unknown call names and thrown errors to outcomes', async () => {
    const handlers = {
      'app.info': () => {
        throw appError('nope', 'Not allowed here.', { action: 'Do something else.' });
      },
      'app.ping': () => {
        throw new Error('boom with secret qm_user_abcdefgh_abcdefghijklmnopqrstuvwx');
      },
    } as unknown as Handlers;
    const router = createRouter(handlers, silentLogger(), createRedactor());
    const known = await router['app.info'](undefined, ctx);
    expect(known).toEqual({
      ok: false,
      error: {
        code: 'nope',
        message: 'Not allowed here.',
        action: 'Do something else.',
        service: 'app',
      },
    });
    const internal = await router['app.ping'](undefined, ctx);
    expect(internal.ok).toBe(false);
    if (!internal.ok) {
      expect(internal.error.code).toBe('internal');
      expect(internal.error.requestId).toMatch(/^loc_[0-9a-f]{8}$/);
      expect(internal.error.message).not.toContain('qm_user');
    }
    const unknown = await dispatch(router, 'shell.exec', {}, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const notString = await dispatch(router, 42, {}, ctx);
    expect(notString).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });
});

describe('what leaves main is redacted (issue 10 item 3)', () => {
  const userKey = 'qm_user_abcdefgh_abcdefghijklmnopqrstuvwx';
  const musiqueToken = 'msk_live_0123456789abcdef';

  it('scrubs echoed keys from error replies and registered secrets from any value', async () => {
    const redactor = createRedactor();
    redactor.add(musiqueToken);
    const handlers = {
      'app.info': () => {
        throw appError('invalid_user_key', `The key ${userKey} is not allowed`, {
          action: `Musique said: token ${musiqueToken} revoked`,
          details: { said: `key=${userKey}` },
        });
      },
      'app.ping': () => ({
        pong: true,
        echo: `saved ${musiqueToken} and ${userKey}`,
        // Data keeps its names: a Musique-token-like file name is not a secret.
        name: 'promo_live_summer2026',
        bytes: new Uint8Array([1, 2, 3]),
      }),
    } as unknown as Handlers;
    const router = createRouter(handlers, silentLogger(), redactor);
    const failed = await router['app.info'](undefined, ctx);
    const value = await router['app.ping']({ echo: 'x' }, ctx);
    const text = JSON.stringify([failed, value]);
    expect(text).not.toContain(userKey);
    expect(text).not.toContain(musiqueToken);
    expect(text).toContain('qm_user_[redacted]');
    expect(value).toMatchObject({ ok: true, value: { name: 'promo_live_summer2026' } });
    if (value.ok)
      expect((value.value as unknown as { bytes: unknown }).bytes).toBeInstanceOf(Uint8Array);
  });

  it('scrubs every event payload before any listener sees it', () => {
    const redactor = createRedactor();
    redactor.add(musiqueToken);
    const bus = createEventBus(redactor);
    const seen: unknown[] = [];
    bus.listen((_name, payload) => seen.push(payload));
    bus.emit('musique.accountChanged', {
      status: 'rejected',
      demo: false,
      permissions: [],
      profile: 'v1',
      baseUrl: 'https://x.example',
      error: { code: 'token_revoked', message: `Musique: ${musiqueToken} / ${userKey} revoked` },
    });
    expect(JSON.stringify(seen)).not.toContain(musiqueToken);
    expect(JSON.stringify(seen)).not.toContain(userKey);
  });
});

describe('malformed calls are capped (issue 10 item 10)', () => {
  it('an 800 KB bad call yields a small reply and a small log line', async () => {
    const lines: string[] = [];
    const { logger } = createLogger({ redactor: createRedactor(), sink: (l) => lines.push(l) });
    const router = createRouter({} as Handlers, logger, createRedactor());
    // 200,000 IDs of the wrong kind (text, not numbers): one issue each.
    const ids = Array.from({ length: 200_000 }, (_, i) => `t${i}`);
    const args = { ids, index: 0, position: 0, shuffle: false, repeat: 'off', history: [] };
    expect(JSON.stringify(args).length).toBeGreaterThan(800_000);
    const outcome = await router['player.saveQueue'](args, ctx);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    const reply = JSON.stringify(outcome);
    expect(reply.length).toBeLessThan(8_000);
    if (!outcome.ok) {
      const details = outcome.error.details as { issues: unknown[]; moreIssues?: number };
      expect(details.issues.length).toBeGreaterThan(0);
      expect(details.issues.length + (details.moreIssues ?? 0)).toBeGreaterThan(1000);
    }
    const line = lines.find((l) => l.includes('rejected malformed call'))!;
    expect(line.length).toBeLessThan(4_000);
  });
});
