import { describe, expect, it } from 'vitest';
import type { DemoStatus } from '../../../src-preload/contract/schemas/demo.ts';
import { defaultAudioCacheDir } from '../../../src-main/sandbox/index.ts';
import { createTestServices } from '../../support/services.ts';

const ctx = { origin: 'app://aislecast' };

describe('demo mode', () => {
  it('starts the in-process sandbox, remembers the choice, and stops it', async () => {
    const test = await createTestServices({
      demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
    });
    const pushed: DemoStatus[] = [];
    test.services.events.listen((name, payload) => {
      if (name === 'demo.changed') pushed.push(payload as DemoStatus);
    });
    try {
      const started = await test.services.router['demo.start'](undefined, ctx);
      expect(started).toMatchObject({ ok: true, value: { active: true, busy: false } });
      if (!started.ok) return;
      expect(started.value.tracks).toBeGreaterThan(100);
      expect(started.value.stores).toBeGreaterThan(1000);
      expect(test.services.settings.get().app.mode).toBe('demo');
      expect(pushed.map((s) => s.busy)).toEqual([true, false]);

      const again = await test.services.router['demo.start'](undefined, ctx);
      expect(again).toMatchObject({ ok: true, value: { active: true } });

      const stopped = await test.services.router['demo.stop']({ then: 'accounts' }, ctx);
      expect(stopped).toMatchObject({ ok: true, value: { active: false } });
      expect(test.services.settings.get().app.mode).toBe('accounts');
      const bad = await test.services.router['demo.stop']({ then: 'elsewhere' }, ctx);
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    } finally {
      await test.cleanup();
    }
  });

  it('resumes the demo at start-up when it was the last choice', async () => {
    const first = await createTestServices({
      demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
    });
    first.services.settings.update({ app: { mode: 'demo' } });
    await first.services.dispose();
    const second = await createTestServices({
      userDataDir: first.dir,
      demoSandbox: { warmAudio: false, audioCacheDir: defaultAudioCacheDir },
    });
    try {
      await second.services.ready;
      const status = await second.services.router['demo.status'](undefined, ctx);
      expect(status).toMatchObject({ ok: true, value: { active: true } });
    } finally {
      await second.cleanup();
      await first.cleanup();
    }
  });
});
