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

  /** An album's or a playlist's tracks, paged like the lists, the cursor bound to the one asked. */
  const collectionTracks =
    (
      kind: 'album' | 'playlist',
      noun: string,
      find: (
        state: QueyeRuntime['state'],
        id: string,
      ) => { id: string; trackIds: readonly number[] } | undefined,
    ): Handler =>
    (ctx) => {
      const state = signedIn(ctx);
      const id = ctx.params[`${kind}Id`] ?? '';
      const collection = find(state, id);
      if (!collection) throw notFound(`${noun} ${ctx.params[`${kind}Id`]} not found.`);
      const page = offsetPage(
        state.cursorSecret,
        `${kind}:${collection.id}`,
        ctx.query,
        tracksOf(collection.trackIds),
      );
      return jsonReply(200, {
        items: page.items.map((track) => trackJson(track, ctx.origin)),
        next_cursor: page.next_cursor,
      });
    };

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

    'GET /v1/library/albums/:albumId/tracks': collectionTracks('album', 'Album', (state, id) =>
      state.library.album(id),
    ),

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

    'GET /v1/library/playlists/:playlistId/tracks': collectionTracks(
      'playlist',
      'Playlist',
      (state, id) => state.library.playlist(id),
    ),
  };
}
