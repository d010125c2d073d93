import { describe, expect, it, vi } from 'vitest';
import type { SandboxHandle } from '../../../src-main/sandbox/index.ts';
import {
  createDemoFeature,
  type DemoParticipant,
} from '../../../src-main/services/demo/demo-feature.ts';
import type { FeatureContext } from '../../../src-main/services/core/feature.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { createTestServices, type TestServices } from '../../support/services.ts';

function fakeSandbox(): SandboxHandle {
  return {
    startupMs: 12,
    stores: [{}, {}] as unknown as SandboxHandle['stores'],
    control: {
      librarySummary: () => ({ track_count: 3 }),
      now: () => 1_000,
    } as unknown as SandboxHandle['control'],
    close: vi.fn(() => Promise.resolve()),
  } as unknown as SandboxHandle;
}

async function context(): Promise<{ test: TestServices; context: FeatureContext }> {
  const test = await createTestServices();
  const { services } = test;
  return {
    test,
    // The services' own context, quiet: these tests build a demo feature of their own on it.
    context: { ...services.context, log: silentLogger() },
  };
}

describe('demo participants', () => {
  it('points every participant at the sandbox in order and back in reverse', async () => {
    const { test, context: ctx } = await context();
    const order: string[] = [];
    const participant = (name: string): DemoParticipant => ({
      name,
      enter: () => Promise.resolve(void order.push(`enter ${name}`)),
      leave: () => Promise.resolve(void order.push(`leave ${name}`)),
    });
    const sandbox = fakeSandbox();
    const demo = createDemoFeature(ctx, {
      participants: [participant('queye'), participant('musique')],
      startSandbox: () => Promise.resolve(sandbox),
    });
    try {
      await demo.handlers['demo.start'](undefined, { origin: 'x' });
      await demo.handlers['demo.stop']({ then: 'welcome' }, { origin: 'x' });
      expect(order).toEqual(['enter queye', 'enter musique', 'leave musique', 'leave queye']);
      expect(sandbox.close).toHaveBeenCalledOnce();
      expect(ctx.settings.get().app.mode).toBe('unset');
    } finally {
      await test.cleanup();
    }
  });

  it('closes the sandbox and reports a reference when a participant fails to enter', async () => {
    const { test, context: ctx } = await context();
    const sandbox = fakeSandbox();
    const leave = vi.fn(() => Promise.resolve());
    const demo = createDemoFeature(ctx, {
      participants: [
        { name: 'queye', enter: () => Promise.reject(new Error('exchange failed')), leave },
      ],
      startSandbox: () => Promise.resolve(sandbox),
    });
    try {
      await expect(demo.handlers['demo.start'](undefined, { origin: 'x' })).rejects.toMatchObject({
        shape: { code: 'demo_failed', requestId: expect.stringMatching(/^loc_/) as unknown },
      });
      expect(sandbox.close).toHaveBeenCalledOnce();
      expect(leave).toHaveBeenCalledOnce();
      expect(demo.handlers['demo.status'](undefined, { origin: 'x' })).toMatchObject({
        active: false,
        error: { code: 'demo_failed' },
      });
    } finally {
      await test.cleanup();
    }
  });
});
