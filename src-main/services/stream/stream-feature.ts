import type { TrackCheck } from '../../../src-preload/contract/schemas/player.ts';
import type { CallsOf, Feature, FeatureContext } from '../core/feature.ts';
import type { QueyeConnection } from '../queye/queye-feature.ts';
import { openTrackStream, type TrackStreamDeps } from './open-track-stream.ts';
import { issueStream } from './stream-grant.ts';
import { streamProblem } from './stream-problem.ts';
import { createStreamTokenCache, type StreamTokenCache } from './stream-token-cache.ts';
import { createTrackProvider } from './track-provider.ts';

export interface StreamFeatureOptions {
  /** Time for token expiry; tests move it past a token's lifetime. */
  now?: () => number;
  renewBeforeMs?: number;
  headersTimeoutMs?: number;
}

export type StreamFeature = Feature<CallsOf<'stream'>> & {
  /** For tests and diagnostics. */
  tokens: StreamTokenCache;
};

/**
 * Playback's side of main: the `track` media provider (a stable URL per track, tokens held
 * here) and `stream.check`, which tells the player why a track failed — the audio element
 * itself only learns that "something" went wrong.
 */
export function createStreamFeature(
  context: FeatureContext,
  connection: QueyeConnection,
  options: StreamFeatureOptions = {},
): StreamFeature {
  const log = context.log.child({ service: 'stream' });
  const tokens = createStreamTokenCache({
    issue: (trackId) => issueStream(connection, trackId),
    now: options.now ?? Date.now,
    renewBeforeMs: options.renewBeforeMs,
  });
  const deps: TrackStreamDeps = {
    tokens,
    fetch: context.fetch,
    log,
    headersTimeoutMs: options.headersTimeoutMs,
  };
  context.media.register('track', createTrackProvider(deps));

  // Tokens belong to one account: another sign-in must never reuse them.
  let accountKey = connection.account()?.key;
  const stopFollowing = connection.onChange(() => {
    const next = connection.account()?.key;
    if (next !== accountKey) {
      accountKey = next;
      tokens.clear();
    }
  });

  return {
    tokens,
    handlers: {
      async 'stream.check'({ trackId }): Promise<TrackCheck> {
        const opened = await openTrackStream(deps, trackId, { range: 'bytes=0-1' });
        if (!opened.ok) {
          return { playable: false, reason: opened.problem.reason, error: opened.problem.error };
        }
        const { status } = opened.response;
        void opened.response.body?.cancel();
        if (status === 416) {
          // Not even two bytes: an empty file, which no player can play.
          const problem = streamProblem('upstream', trackId, { status, code: 'empty_stream' });
          return { playable: false, reason: problem.reason, error: problem.error };
        }
        return { playable: true };
      },
    },
    dispose() {
      stopFollowing();
      tokens.clear();
    },
  };
}
