import type { SavedQueue } from '../../../src-preload/contract/schemas/player.ts';
import { ApiError } from '../../api/api-error.ts';
import {
  type EngineDeps,
  type EngineState,
  type PlaybackProblem,
  type PreviewItem,
} from './engine-state.ts';
import { createFailurePolicy } from './failure-policy.ts';
import type { Player } from './player.ts';
import { createPreview } from './preview-controller.ts';
import { withTimings } from './op-timing.ts';
import { createQueuePersistence, fromSaved } from './queue-persistence.ts';
import { createStallWatchdog } from './stall-watchdog.ts';
import * as Q from './queue.ts';

/** Previous restarts the track instead when more than this many seconds have played. */
export const restartThreshold = 3;
const defaultPreloadLead = 12;

export type PlaybackEngine = ReturnType<typeof createPlaybackEngine>;

/**
 * The audio engine: owns the Player, the queue and the error policy, outside React. Every
 * change lands in the store (`deps.store`) the UI reads; components call these methods through
 * the player's actions and never hold the engine.
 */
export function createPlaybackEngine(deps: EngineDeps) {
  const { store, t } = deps;
  const random = deps.random ?? Math.random;
  const preloadLead = deps.preloadLeadSeconds ?? defaultPreloadLead;
  const player: Player = deps.createPlayer();
  const get = () => store.getState();
  const set = (partial: Partial<EngineState>) => {
    store.setState(partial);
    if ('buffering' in partial || 'status' in partial) {
      const { buffering, status } = get();
      stall.update(wantPlay && (buffering || status === 'loading'));
    }
  };

  /** The current entry is on the player (a restored queue is not, until Play). */
  let loaded = false;
  /** Whether the user wants sound: survives skips, retries and waiting for the network. */
  let wantPlay = false;
  let generation = 0;
  let preloadedAfter: number | undefined;
  let heardThisLoad = false;

  const persistence = createQueuePersistence(
    deps.saver,
    () => ({ queue: get().queue, position: get().position }),
    {},
    (error) => {
      const shape = error instanceof ApiError ? error : undefined;
      deps.notify({
        tone: 'error',
        title: shape?.message ?? t('errors.queueNotSaved'),
        ...(shape?.action ? { description: shape.action } : {}),
        ...(shape?.requestId ? { reference: shape.requestId } : {}),
      });
    },
  );

  const title = (id: number) => deps.trackInfo(id)?.title || t('unknownTrack', { id });
  const sourceOf = (id: number) => ({
    src: deps.mediaUrl('track', id),
    format: deps.trackInfo(id)?.format || 'mp3',
  });

  const setQueue = (queue: Q.QueueState, extra: Partial<EngineState> = {}) => {
    set({ queue, ...extra });
    if (get().restored) persistence.queueChanged();
  };

  const announce = (id: number) => {
    const info = deps.trackInfo(id);
    set({
      announcement: info?.artist
        ? t('nowPlayingBy', { title: title(id), artist: info.artist })
        : t('nowPlaying', { title: title(id) }),
    });
  };

  /** Puts the current entry on the player, at `position`, playing when `play` says so. */
  const startCurrent = (play: boolean, position = 0) => {
    const entry = Q.currentEntry(get().queue);
    generation++;
    stall.stop();
    preloadedAfter = undefined;
    heardThisLoad = false;
    if (!entry) {
      player.stop();
      loaded = false;
      wantPlay = false;
      set({ status: 'idle', position: 0, duration: 0, buffered: [], buffering: false });
      return;
    }
    wantPlay = play;
    player.load(sourceOf(entry.id), { position });
    loaded = true;
    if (play) player.play();
    set({
      status: play ? 'loading' : 'paused',
      position,
      duration: deps.trackInfo(entry.id)?.duration ?? 0,
      buffered: [],
      buffering: play,
      problem: undefined,
    });
    announce(entry.id);
    if (get().restored) persistence.positionChanged(true);
  };

  /** The queue ran out: stay on the last track, paused at its start. */
  const endOfQueue = () => {
    player.stop();
    loaded = false;
    wantPlay = false;
    generation++;
    set({ status: 'paused', position: 0, buffering: false, buffered: [] });
    persistence.positionChanged(true);
  };

  const go = (step: Q.Step, play: boolean) => {
    failures.cancel();
    stall.reset();
    setQueue(step.state);
    if (step.entry) startCurrent(play);
    else endOfQueue();
  };

  const halt = (problem: PlaybackProblem) => {
    failures.cancel();
    wantPlay = false;
    player.pause();
    set({ status: 'stopped', buffering: false, problem });
  };

  const failures = createFailurePolicy({
    deps,
    current: () => Q.currentEntry(get().queue),
    generation: () => generation,
    title,
    // While waiting, nothing plays: the position moves only by the user's seek, which wins.
    reload: (position) =>
      startCurrent(wantPlay, get().status === 'waiting-network' ? get().position : position),
    skip: () => {
      const step = Q.next(get().queue, random, false);
      // A track that fails while paused (loaded by Next) is passed over, not started.
      if (step.entry) go(step, wantPlay);
      else
        halt({ message: t('errors.endAfterFailure'), action: t('errors.endAfterFailureAction') });
    },
    halt,
    waiting: (problem) => {
      player.stop();
      loaded = false;
      set({ status: 'waiting-network', buffering: false, problem });
    },
  });

  const stall = createStallWatchdog({
    position: () => player.position(),
    stalled: () => void failures.failed(get().position, 'stall'),
    timeoutMs: deps.stallTimeoutMs,
  });

  const preview = createPreview({ deps, music: player, store });
  player.setVolume(get().volume);
  player.setMuted(get().muted);

  player.on('time', ({ position, duration }) => {
    set({ position, ...(duration ? { duration } : {}) });
    if (wantPlay) persistence.positionChanged(false);
    const current = Q.currentEntry(get().queue);
    if (!current || !duration || duration - position > preloadLead) return;
    if (preloadedAfter === current.uid) return;
    preloadedAfter = current.uid;
    const following = Q.upcoming(get().queue);
    if (following && following.uid !== current.uid) player.preload(sourceOf(following.id));
  });
  player.on('ready', ({ duration }) => set({ duration }));
  player.on('buffered', (buffered) => set({ buffered }));
  player.on('buffering', (buffering) => set({ buffering: buffering && wantPlay }));
  player.on('playing', () => {
    if (!wantPlay) return;
    set({ status: 'playing', buffering: false, problem: undefined });
    failures.succeeded();
    stall.reset();
    if (!heardThisLoad) {
      heardThisLoad = true;
      const entry = Q.currentEntry(get().queue);
      if (entry) set({ queue: Q.recordPlayed(get().queue, entry.id) });
    }
  });
  player.on('ended', () => {
    const step = Q.next(get().queue, random, true);
    const current = Q.currentEntry(get().queue);
    if (step.entry && current && step.entry.uid === current.uid) {
      // Repeat one: the sound is still loaded, start it over.
      heardThisLoad = false;
      player.seek(0);
      player.play();
      return;
    }
    go(step, true);
  });
  player.on('error', () => {
    stall.stop();
    set({ buffering: true });
    void failures.failed(get().position);
  });
  const stopListening = deps.onNetworkBack?.(() => failures.retryNow());

  const play = () => {
    const { queue, status, position } = get();
    if (!Q.currentEntry(queue)) return;
    if (status === 'waiting-network') return failures.retryNow();
    if (!loaded || status === 'stopped') return startCurrent(true, position);
    // Already sounding (a media key's Play): no second `playing` would end 'loading'.
    if (status === 'playing') return;
    wantPlay = true;
    player.play();
    set({ status: 'loading', problem: undefined });
  };

  const pause = () => {
    failures.cancel();
    wantPlay = false;
    if (loaded) player.pause();
    const { status } = get();
    if (status !== 'idle') set({ status: 'paused', buffering: false, problem: undefined });
    persistence.positionChanged(true);
  };

  const seek = (seconds: number) => {
    const { duration, queue } = get();
    if (!Q.currentEntry(queue)) return;
    const upper = duration > 0 ? Math.max(0, duration - 0.5) : Number.POSITIVE_INFINITY;
    const target = Math.min(Math.max(0, seconds), upper);
    if (loaded) player.seek(target);
    set({ position: target });
    persistence.positionChanged(true);
  };

  const engine = {
    playIds(ids: readonly number[], start = 0) {
      if (!ids.length) return;
      const queue = Q.playNow(get().queue, ids, start, random);
      go({ state: queue, entry: Q.currentEntry(queue) }, true);
    },
    playNext(ids: readonly number[]) {
      const wasEmpty = !get().queue.entries.length;
      setQueue(Q.playNext(get().queue, ids));
      if (wasEmpty) set({ status: 'paused', position: 0 });
    },
    addToQueue(ids: readonly number[]) {
      const wasEmpty = !get().queue.entries.length;
      setQueue(Q.addToEnd(get().queue, ids));
      if (wasEmpty) set({ status: 'paused', position: 0 });
    },
    play,
    pause,
    togglePlay() {
      const { status } = get();
      if (status === 'playing' || status === 'loading' || status === 'waiting-network') pause();
      else play();
    },
    stop() {
      failures.cancel();
      player.stop();
      loaded = false;
      wantPlay = false;
      generation++;
      if (get().status !== 'idle') set({ status: 'paused', position: 0, buffering: false });
      persistence.positionChanged(true);
    },
    next() {
      go(Q.next(get().queue, random, false), wantPlay);
    },
    previous() {
      if (get().position > restartThreshold) return seek(0);
      const step = Q.previous(get().queue);
      if (step.state.index === get().queue.index) return seek(0);
      go(step, wantPlay);
    },
    seek,
    seekBy: (delta: number) => seek(get().position + delta),
    jumpTo(index: number) {
      const step = Q.jumpTo(get().queue, index);
      if (step.entry) go(step, true);
    },
    move(from: number, to: number) {
      setQueue(Q.move(get().queue, from, to));
    },
    remove(uids: ReadonlySet<number>) {
      const before = Q.currentEntry(get().queue);
      const queue = Q.remove(get().queue, uids);
      setQueue(queue);
      const after = Q.currentEntry(queue);
      if (before && after?.uid !== before.uid) {
        if (after) startCurrent(wantPlay);
        else startCurrent(false);
      }
    },
    clear() {
      setQueue(Q.clearUpcoming(get().queue));
    },
    toggleShuffle() {
      setQueue(Q.setShuffle(get().queue, !get().queue.shuffle, random));
      preloadedAfter = undefined;
    },
    cycleRepeat() {
      setQueue(Q.setRepeat(get().queue, Q.nextRepeat[get().queue.repeat]));
      preloadedAfter = undefined;
    },
    setVolume(volume: number) {
      const next = Math.min(1, Math.max(0, volume));
      player.setVolume(next);
      preview.setVolume(next);
      set({ volume: next, ...(next > 0 && get().muted ? { muted: false } : {}) });
      if (next > 0) player.setMuted(false);
    },
    setMuted(muted: boolean) {
      player.setMuted(muted);
      set({ muted });
    },
    toggleMute() {
      const muted = !get().muted;
      player.setMuted(muted);
      set({ muted });
    },
    /** The saved queue from the last run: shown paused where it stood, loaded on Play. */
    restore(saved: SavedQueue | null) {
      if (get().restored) return;
      if (saved && saved.ids.length && !get().queue.entries.length) {
        const queue = fromSaved(saved);
        const entry = Q.currentEntry(queue);
        set({
          queue,
          status: 'paused',
          position: saved.position,
          duration: entry ? (deps.trackInfo(entry.id)?.duration ?? 0) : 0,
        });
      }
      set({ restored: true });
      // Whatever happened before the saved queue arrived is the newest state: save it.
      if (get().queue.entries.length) persistence.queueChanged();
    },
    /** The library arrived or changed: fill in the duration the stream has not told yet. */
    refreshTrackInfo() {
      const entry = Q.currentEntry(get().queue);
      if (!entry) return;
      if (!get().duration) set({ duration: deps.trackInfo(entry.id)?.duration ?? 0 });
      announce(entry.id);
    },
    preview: (item: PreviewItem) => preview.start(item),
    stopPreview: () => preview.stop(),
    /** Saves what is pending now (the window is closing). */
    flush() {
      if (get().restored) persistence.flush();
    },
    dispose() {
      stopListening?.();
      stall.stop();
      failures.cancel();
      persistence.dispose();
      preview.dispose();
      player.dispose();
    },
  };
  return withTimings(engine, [
    'playIds',
    'playNext',
    'addToQueue',
    'next',
    'previous',
    'jumpTo',
    'move',
    'remove',
    'clear',
    'toggleShuffle',
    'cycleRepeat',
  ]);
}
