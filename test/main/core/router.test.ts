import { describe, expect, it } from 'vitest';
import { calls } from '../../../src-preload/contract/contract.ts';
import { appError } from '../../../src-main/services/core/errors.ts';
import { createRouter, dispatch, type Handlers } from '../../../src-main/services/core/router.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
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
    const router = createRouter(handlers, silentLogger());
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
