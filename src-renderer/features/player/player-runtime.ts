import i18next from 'i18next';
import { api, mediaUrl } from '../../api/client.ts';
import { formatCount } from '../../lib/format.ts';
import { notify } from '../../ui/toast-store.ts';
import { getTrack, onLibraryChange } from '../library/index.ts';
import { usePlayRequest, type PlayRequest } from './play-request.ts';
import { useSettings } from '../settings/index.ts';
import type { EngineDeps } from './engine-state.ts';
import { createHowlerPlayer } from './howler-player.ts';
import { bindMediaSession } from './media-session.ts';
import { createPlaybackEngine, type PlaybackEngine } from './playback-engine.ts';
import type { PlayerFactory } from './player.ts';
import { bindPlayerShortcuts } from './player-shortcuts.ts';
import { setPlayerEngine, usePlayer } from './player-store.ts';

/** Volume and mute are saved this long after the last change (a slider drag saves once). */
const volumeSaveDelayMs = 600;

export interface StartPlayerOptions {
  /** Replaced in tests; howler otherwise. */
  createPlayer?: PlayerFactory;
}

function onNetworkBack(listener: () => void): () => void {
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}

function handleRequest(engine: PlaybackEngine, request: PlayRequest): void {
  const t = i18next.getFixedT(null, 'player');
  const count = request.ids.length;
  if (request.mode === 'now') return engine.playIds(request.ids, request.startIndex);
  if (request.mode === 'next') engine.playNext(request.ids);
  else engine.addToQueue(request.ids);
  notify({
    tone: 'info',
    title: t(request.mode === 'next' ? 'actions.queuedNext' : 'actions.queuedEnd', {
      count,
      formatted: formatCount(count),
    }),
  });
}

/** Keeps the engine's volume and the saved settings in step, both ways. */
function bindVolume(engine: PlaybackEngine): () => void {
  let applied = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const applySaved = () => {
    const saved = useSettings.getState().settings?.player;
    if (!saved || applied) return;
    applied = true;
    engine.setVolume(saved.volume);
    engine.setMuted(saved.muted);
  };
  applySaved();
  const offSettings = useSettings.subscribe(applySaved);
  const offPlayer = usePlayer.subscribe((state, previous) => {
    if (!applied || (state.volume === previous.volume && state.muted === previous.muted)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { volume, muted } = usePlayer.getState();
      const saved = useSettings.getState().settings?.player;
      if (saved?.volume === volume && saved.muted === muted) return;
      void useSettings.getState().update({ player: { volume, muted } });
    }, volumeSaveDelayMs);
  });
  return () => {
    clearTimeout(timer);
    offSettings();
    offPlayer();
  };
}

/**
 * Starts the audio engine for the app's lifetime: real audio through howler, tracks from the
 * library, streams through main, the queue restored from the last run, OS media controls and
 * keyboard shortcuts. Returns a function that takes it all down.
 */
export function startPlayer(options: StartPlayerOptions = {}): () => void {
  const deps: EngineDeps = {
    store: { getState: usePlayer.getState, setState: (partial) => usePlayer.setState(partial) },
    createPlayer: options.createPlayer ?? (() => createHowlerPlayer()),
    trackInfo: getTrack,
    mediaUrl,
    checkTrack: (trackId) => api.stream.check({ trackId }),
    saver: {
      save: (queue) => api.player.saveQueue(queue),
      savePosition: (position) => api.player.savePosition(position),
    },
    notify,
    // The engine builds keys from data (`errors.…`), so they are checked by the tests, not tsc.
    t: (key, values = {}) => i18next.getFixedT(null, 'player')(key as 'idle', values),
    onNetworkBack,
  };
  const engine = createPlaybackEngine(deps);
  setPlayerEngine(engine);

  let lastSeq = usePlayRequest.getState().request?.seq ?? 0;
  const offRequests = usePlayRequest.subscribe(({ request }) => {
    if (!request || request.seq === lastSeq) return;
    lastSeq = request.seq;
    handleRequest(engine, request);
  });
  const offLibrary = onLibraryChange(() => engine.refreshTrackInfo());
  const offVolume = bindVolume(engine);
  const offSession = bindMediaSession(usePlayer, engine, getTrack);
  const offKeys = bindPlayerShortcuts(engine);
  const flush = () => engine.flush();
  window.addEventListener('pagehide', flush);

  let disposed = false;
  api.player.loadQueue().then(
    (saved) => !disposed && engine.restore(saved),
    () => !disposed && engine.restore(null),
  );

  return () => {
    disposed = true;
    window.removeEventListener('pagehide', flush);
    engine.flush();
    offRequests();
    offLibrary();
    offVolume();
    offSession();
    offKeys();
    engine.dispose();
    setPlayerEngine(undefined);
    usePlayer.setState({ preview: undefined, ducked: false });
  };
}
