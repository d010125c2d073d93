import type { QueyeState } from '../../../src-preload/contract/schemas/queye.ts';
import type { Feature, FeatureContext } from '../core/feature.ts';
import { systemClock, type Clock } from '../core/clock.ts';
import type { QueyeConnection } from '../queye/queye-feature.ts';
import { trackLibraryHandlers, type LibraryCallName } from './library-handlers.ts';
import { createTrackLibraryService, type TrackLibraryService } from './track-library-service.ts';

export interface LibraryFeatureOptions {
  clock?: Clock;
  /** Incremental sync while signed in, this often. Default 30 minutes; 0 turns it off. */
  autoSyncMs?: number;
  checkpointEvery?: number;
  /**
   * `false`: the library stays closed whatever Queye does (no cache load, no sync), so tests of
   * the Queye session alone see only the session's own requests. Default true.
   */
  followSignIn?: boolean;
}

export type LibraryFeature = Feature<LibraryCallName> & {
  /** For tests, benchmarks and diagnostics. */
  service: TrackLibraryService;
};

/**
 * Follows the Queye sign-in: the account's cached library opens as soon as the account is
 * known, a sync runs on sign-in and then every half hour, and a sign-out the user chose
 * closes the library (an involuntary one keeps it on screen).
 */
export function createLibraryFeature(
  context: FeatureContext,
  connection: QueyeConnection,
  options: LibraryFeatureOptions = {},
): LibraryFeature {
  const clock = options.clock ?? systemClock;
  const service = createTrackLibraryService(context, connection, {
    clock,
    checkpointEvery: options.checkpointEvery,
  });
  const autoSyncMs = options.autoSyncMs ?? 30 * 60_000;
  let previousState: QueyeState | undefined;
  let timer: unknown;
  let started = false;

  const follow = () => {
    const status = connection.status();
    const account = connection.account();
    const before = previousState;
    previousState = status.state;
    if (!account) return service.deactivate();
    if (service.active()?.account.key !== account.key) {
      void service.activate(account).then(() => {
        if (connection.canRequest()) void service.sync();
      });
      return;
    }
    if (status.state === 'signed-in' && before !== 'signed-in') void service.sync();
    else service.emit();
  };

  const schedule = () => {
    if (!autoSyncMs) return;
    timer = clock.setTimeout(() => {
      void service.sync().finally(schedule);
    }, autoSyncMs);
  };

  const stopFollowing = connection.onChange(() => {
    if (started) follow();
  });
  // The status area's offline state decides whether the library says "offline".
  const stopListening = context.events.listen((name) => {
    if (name === 'connection.changed') service.emit();
  });

  return {
    service,
    handlers: trackLibraryHandlers(service),
    async start() {
      if (options.followSignIn === false) return;
      started = true;
      follow();
      await service.active()?.loading;
      schedule();
    },
    async dispose() {
      stopFollowing();
      stopListening();
      if (timer !== undefined) clock.clearTimeout(timer);
      service.cancel();
      await service.running();
      await service.persisted();
    },
  };
}
