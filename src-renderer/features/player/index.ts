/**
 * The player's public entry: the only file other features import (lint-enforced). Others ask
 * for playback with a request (IDs and a mode), mark the current track, or offer a preview; the
 * queue, the engine and its store stay inside the player.
 */
export {
  requestAddToQueue,
  requestPlay,
  requestPlayNext,
  type PlayMode,
  type PlayRequest,
} from './play-request.ts';
export { useNowPlayingId } from './player-store.ts';
export { PreviewButton } from './PreviewButton.tsx';
