import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-renderer/api/api-error.ts';
import { api } from '../../../src-renderer/api/client.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';

describe('renderer API client', () => {
  it('resolves with the value of a successful call', async () => {
    installFakeBridge({ 'app.ping': () => ({ pong: true as const, at: 'now', echo: 'x' }) });
    await expect(api.app.ping({ echo: 'x' })).resolves.toEqual({
      pong: true,
      at: 'now',
      echo: 'x',
    });
  });

  it('throws an ApiError carrying message, action and reference', async () => {
    installFakeBridge({
      'settings.get': () => ({
        ok: false,
        error: { code: 'internal', message: 'Broke.', action: 'Retry.', requestId: 'loc_1234abcd' },
      }),
    });
    const error = await api.settings.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'internal',
      message: 'Broke.',
      action: 'Retry.',
      requestId: 'loc_1234abcd',
    });
  });

  it('follows a replaced bridge', async () => {
    installFakeBridge({ 'app.ping': () => ({ pong: true as const, at: 'one' }) });
    await expect(api.app.ping()).resolves.toMatchObject({ at: 'one' });
    installFakeBridge({ 'app.ping': () => ({ pong: true as const, at: 'two' }) });
    await expect(api.app.ping()).resolves.toMatchObject({ at: 'two' });
  });
});
