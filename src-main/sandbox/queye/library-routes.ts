import type { Handler, RequestContext } from '../http/pipeline.ts';
import { jsonReply, notFound } from '../http/reply.ts';
import { requireClient, requireSession } from './guards.ts';
import {
  decodeCursor,
  encodeCursor,
  offsetPage,
  parseLimit,
  parseUploadedAfter,
} from './paging.ts';
import type { QueyeRuntime } from './runtime.ts';
import { albumJson, playlistJson, trackJson } from './serialize.ts';

export function libraryRoutes(rt: QueyeRuntime): Record<string, Handler> {
  /** Client key, bearer and `library.read`, as every library call needs. */
  const signedIn = (ctx: RequestContext) => {
    const client = requireClient(ctx, rt.state);
    requireSession(ctx, rt.state, client, 'library.read', rt.clock.now());
    return rt.state;
  };

  const tracksOf = (ids: readonly number[]) =>
    ids.flatMap((id) => {
      const track = rt.state.library.track(id);
      return track ? [track] : [];
    });

  return {
    'GET /v1/library/summary': (ctx) => jsonReply(200, signedIn(ctx).library.summary()),

    // Keyset paging over (uploaded_at, id): stable while tracks are added, O(log n) per page.
    'GET /v1/library/tracks': (ctx) => {
      const state = signedIn(ctx);
      const limit = parseLimit(ctx.query);
      const uploadedAfter = parseUploadedAfter(ctx.query);
      const position = decodeCursor(state.cursorSecret, 'tracks', ctx.query.get('cursor'), 2);
      const after = position ? { uploadedMs: position[0] ?? 0, id: position[1] ?? 0 } : undefined;
      const page = state.library.tracksPage(after, uploadedAfter, limit);
      const last = page.items.at(-1);
      return jsonReply(200, {
        items: page.items.map((track) => trackJson(track, ctx.origin)),
        next_cursor:
          page.more && last
            ? encodeCursor(state.cursorSecret, 'tracks', [last.uploadedMs, last.id])
            : null,
      });
    },

    'GET /v1/library/albums': (ctx) => {
      const state = signedIn(ctx);
      const page = offsetPage(state.cursorSecret, 'albums', ctx.query, state.library.albums());
      return jsonReply(200, {
        items: page.items.map((album) => albumJson(album, state.library, ctx.origin)),
        next_cursor: page.next_cursor,
      });
    },

    'GET /v1/library/albums/:albumId/tracks': (ctx) => {
      const state = signedIn(ctx);
      const album = state.library.album(ctx.params.albumId ?? '');
      if (!album) throw notFound(`Album ${ctx.params.albumId} not found.`);
      const page = offsetPage(
        state.cursorSecret,
        `album:${album.id}`,
        ctx.query,
        tracksOf(album.trackIds),
      );
      return jsonReply(200, {
        items: page.items.map((track) => trackJson(track, ctx.origin)),
        next_cursor: page.next_cursor,
      });
    },

    'GET /v1/library/playlists': (ctx) => {
      const state = signedIn(ctx);
      const page = offsetPage(
        state.cursorSecret,
        'playlists',
        ctx.query,
        state.library.playlists(),
      );
      return jsonReply(200, {
        items: page.items.map((playlist) => playlistJson(playlist, state.library)),
        next_cursor: page.next_cursor,
      });
    },

    'GET /v1/library/playlists/:playlistId/tracks': (ctx) => {
      const state = signedIn(ctx);
      const playlist = state.library.playlist(ctx.params.playlistId ?? '');
      if (!playlist) throw notFound(`Playlist ${ctx.params.playlistId} not found.`);
      const page = offsetPage(
        state.cursorSecret,
        `playlist:${playlist.id}`,
        ctx.query,
        tracksOf(playlist.trackIds),
      );
      return jsonReply(200, {
        items: page.items.map((track) => trackJson(track, ctx.origin)),
        next_cursor: page.next_cursor,
      });
    },
  };
}
