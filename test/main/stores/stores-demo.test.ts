import { describe, expect, it } from 'vitest';
import { defaultAudioCacheDir } from '../../../src-main/sandbox/index.ts';
import type { DirectorySnapshot } from '../../../src-preload/contract/schemas/stores.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import { createTestServices } from '../../support/services.ts';

const ctx = { origin: 'app://aislecast' };
const value = <T>(outcome: Outcome<T>): T => {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
};

describe('the demo store directory', () => {
  it('is seeded from the sandbox, kept apart from the saved one, and left with the demo', async () => {
    const test = await createTestServices({
      demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
    });
    try {
      await test.services.ready;
      const router = test.services.router;
      value(
        await router['stores.add'](
          {
            store: {
              externalId: 'mine',
              name: 'Mine',
              region: '',
              tags: [],
              timeZone: 'UTC',
              testStore: false,
            },
          },
          ctx,
        ),
      );
      value(await router['demo.start'](undefined, ctx));
      const demo: DirectorySnapshot = value(await router['stores.list'](undefined, ctx));
      expect(demo.demo).toBe(true);
      expect(demo.stores).toHaveLength(1200);
      expect(demo.summary.timeZones).toBeGreaterThanOrEqual(6);
      expect(demo.summary.testStores).toBeGreaterThanOrEqual(3);
      const zones = new Set(demo.stores.map((s) => s.timeZone));
      for (const zone of [
        'America/Sao_Paulo',
        'America/Manaus',
        'Europe/Lisbon',
        'America/New_York',
      ]) {
        expect(zones.has(zone), zone).toBe(true);
      }
      // The send engine's lookup follows the demo.
      expect(test.services.stores.lookup.get('store_0001')).toMatchObject({ testStore: true });
      value(await router['stores.remove']({ externalIds: ['store_0002'] }, ctx));

      value(await router['demo.stop']({ then: 'accounts' }, ctx));
      const saved = value(await router['stores.list'](undefined, ctx));
      expect(saved.demo).toBe(false);
      expect(saved.stores.map((s) => s.externalId)).toEqual(['mine']);
    } finally {
      await test.cleanup();
    }
  });
});
