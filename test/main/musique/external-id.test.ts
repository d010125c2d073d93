import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';

/**
 * Issue 10 item 8: a token test answer without `externalId` (API.md: read tolerantly) must not
 * leave the announcement library silently empty, nor make getAudio / deleteAudio fail.
 */
const sandbox = useSandbox();

/** Musique as it might answer: the token test without `externalId` (enveloped or not). */
const withoutExternalId: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = input instanceof Request ? input.url : input.toString();
  if (!url.endsWith('/api/integration/test') || !response.ok) return response;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== 'externalId' && key !== 'external_id')
          .map(([key, entry]) => [key, strip(entry)]),
      );
    return value;
  };
  const body = strip(await response.json());
  return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ fetch: withoutExternalId });
  h.useSandbox(sandbox());
  await h.connect(sandbox());
});
afterAll(() => h?.close());

describe('a token test answer without externalId', () => {
  it('still connects, and the library lists, gets and deletes items', async () => {
    const account = await h.call('musique.account');
    expect(account.status).toBe('connected');
    expect(account.externalId).toBeUndefined();
    const listed = await h.call('musique.refreshLibrary');
    expect(listed.error).toBeUndefined();
    expect(listed.items.length).toBeGreaterThan(0);
    const first = listed.items[0]!;
    expect((await h.call('musique.getAudio', { id: first.id })).id).toBe(first.id);
    const after = await h.call('musique.deleteAudio', { id: first.id });
    expect(after.items.some((item) => item.id === first.id)).toBe(false);
    expect((await h.call('musique.library')).items.length).toBe(listed.items.length - 1);
  });

  it('keeps the list cached for the next start', async () => {
    const count = (await h.call('musique.library')).items.length;
    expect(count).toBeGreaterThan(0);
    const again = await createHarness({ userDataDir: h.dir, fetch: withoutExternalId });
    try {
      // Offline-first: the cached list is there before any refresh.
      expect((await again.call('musique.library')).items.length).toBe(count);
    } finally {
      await again.close();
    }
  });
});
