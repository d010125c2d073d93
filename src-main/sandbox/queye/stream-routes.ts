import { audioSource } from '../audio/track-audio.ts';
import { readJsonObject } from '../http/body.ts';
import type { Handler } from '../http/pipeline.ts';
import { rangeReply } from '../http/range.ts';
import { badRequest, jsonReply, notFound } from '../http/reply.ts';
import { requireClient, requireSession } from './guards.ts';
import type { QueyeRuntime } from './runtime.ts';

function trackIdOf(raw: string | undefined): number | undefined {
  return raw !== undefined && /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : undefined;
}

export function streamRoutes(rt: QueyeRuntime): Record<string, Handler> {
  return {
    'POST /v1/stream/token': async (ctx) => {
      const { state, clock } = rt;
      const client = requireClient(ctx, state);
      requireSession(ctx, state, client, 'stream', clock.now());
      const body = await readJsonObject(ctx.req, ctx.acceptBody);
      const trackId = body.track_id;
      if (trackId === undefined || trackId === null) throw badRequest('track_id is required.');
      if (typeof trackId !== 'number' || !Number.isSafeInteger(trackId) || trackId < 1) {
        throw badRequest('track_id must be a track ID (a positive integer).');
      }
      if (!state.library.track(trackId)) throw notFound(`Track ${trackId} not found.`);
      const issued = state.tokens.issueStream(trackId, clock.now());
      return jsonReply(200, {
        stream_url: `${ctx.origin}/v1/stream/${trackId}?st=${issued.token}`,
        stream_token: issued.token,
        expires_in: issued.expiresIn,
      });
    },

    // The `st` token alone authorises this, so a plain <audio> element can fetch it. The token
    // is checked when a request starts; a body already flowing finishes even if it expires.
    'GET /v1/stream/:trackId': async (ctx) => {
      const { state, clock } = rt;
      const trackId = trackIdOf(ctx.params.trackId);
      if (trackId === undefined) throw notFound(`Track ${ctx.params.trackId} not found.`);
      state.tokens.checkStream(ctx.query.get('st'), trackId, clock.now());
      const track = state.library.track(trackId);
      if (!track) throw notFound(`Track ${trackId} not found.`);
      return rangeReply(ctx.req.headers.range, await audioSource(rt.bank, track.audio));
    },
  };
}
