import { join } from 'node:path';
import type { DemoStatus } from '../../../src-preload/contract/schemas/demo.ts';
import type { SandboxHandle, SandboxOptions } from '../../sandbox/index.ts';
import { appError, isAppError, localReference } from '../core/errors.ts';
import type { CallsOf, Feature, FeatureContext } from '../core/feature.ts';
import { createSerialQueue } from '../core/serial-queue.ts';

/** A service that can point itself at the sandbox and back (Queye, Musique). */
export interface DemoParticipant {
  name: string;
  /** Connect with the sandbox's credentials, in memory only, reporting `demo: true`. */
  enter(sandbox: SandboxHandle): Promise<void>;
  /** Drop the demo credentials and return to the saved account state. */
  leave(): Promise<void>;
}

export interface DemoFeatureOptions {
  participants: DemoParticipant[];
  /** Replaced in tests; by default the sandbox is loaded only when the demo is first used. */
  startSandbox?: (options: SandboxOptions) => Promise<SandboxHandle>;
  /** Overrides for the demo sandbox (tests skip the background audio encoding). */
  sandboxOptions?: SandboxOptions;
}

export type DemoFeature = Feature<CallsOf<'demo'>> & {
  /** The running sandbox, for tests and diagnostics. */
  sandbox(): SandboxHandle | undefined;
};

/**
 * The first-run demo: runs the built-in sandbox in this process and points both services at
 * it, so the app works with no accounts. Sandbox state is in memory and starts fresh with
 * every launch; the choice itself (settings `app.mode`) is remembered.
 */
export function createDemoFeature(
  context: FeatureContext,
  options: DemoFeatureOptions,
): DemoFeature {
  const log = context.log.child({ service: 'demo' });
  const launch =
    options.startSandbox ??
    (async (sandboxOptions: SandboxOptions) =>
      (await import('../../sandbox/index.ts')).startSandbox(sandboxOptions));
  let sandbox: SandboxHandle | undefined;
  let status: DemoStatus = { active: false, busy: false };
  // Start and stop never overlap: a double click or a stop during start waits its turn.
  const queue = createSerialQueue();

  const publish = (next: DemoStatus) => {
    status = next;
    context.events.emit('demo.changed', status);
    return status;
  };

  const serial = <T>(work: () => Promise<T>): Promise<T> => queue.run(work);

  const enter = async (): Promise<DemoStatus> => {
    if (sandbox) return status;
    publish({ active: false, busy: true });
    try {
      sandbox = await launch({
        audioCacheDir: join(context.dataDir, 'demo-audio'),
        ...options.sandboxOptions,
      });
      for (const participant of options.participants) await participant.enter(sandbox);
      log.info({ startupMs: sandbox.startupMs }, 'demo sandbox running');
      return publish({
        active: true,
        busy: false,
        tracks: sandbox.control.librarySummary().track_count,
        stores: sandbox.stores.length,
        startupMs: sandbox.startupMs,
        clock: sandbox.control.now(),
      });
    } catch (error) {
      const reference = localReference();
      log.error({ err: error, reference }, 'demo failed to start');
      await leave();
      const shape = isAppError(error)
        ? error.shape
        : {
            code: 'demo_failed',
            service: 'app' as const,
            message: 'The built-in demo could not start.',
            action: 'Try again. If it keeps failing, connect your own accounts instead.',
            requestId: reference,
          };
      publish({ active: false, busy: false, error: shape });
      throw appError(shape.code, shape.message, {
        action: shape.action,
        requestId: shape.requestId,
      });
    }
  };

  const leave = async () => {
    for (const participant of [...options.participants].reverse()) {
      try {
        await participant.leave();
      } catch (error) {
        log.warn({ err: error, participant: participant.name }, 'could not leave demo cleanly');
      }
    }
    const running = sandbox;
    sandbox = undefined;
    await running?.close();
  };

  return {
    sandbox: () => sandbox,
    handlers: {
      // The clock runs on: read it now rather than when the status last changed.
      'demo.status': () => (sandbox ? { ...status, clock: sandbox.control.now() } : status),
      'demo.advanceClock': ({ byMs }) =>
        serial(() => {
          if (!sandbox || !status.active)
            throw appError('demo_not_running', 'The demo is not running.', {
              action: 'Start the demo first.',
            });
          sandbox.control.advance(byMs);
          log.info({ byMs, clock: sandbox.control.now() }, 'demo clock moved forward');
          return Promise.resolve(publish({ ...status, clock: sandbox.control.now() }));
        }),
      'demo.start': () =>
        serial(async () => {
          context.settings.update({ app: { mode: 'demo' } });
          return enter();
        }),
      'demo.stop': ({ then }) =>
        serial(async () => {
          publish({ ...status, busy: true });
          await leave();
          context.settings.update({ app: { mode: then === 'accounts' ? 'accounts' : 'unset' } });
          return publish({ active: false, busy: false });
        }),
    },
    async start() {
      if (context.settings.get().app.mode !== 'demo') return;
      await serial(enter).catch(() => undefined);
    },
    async dispose() {
      await serial(leave);
    },
  };
}
