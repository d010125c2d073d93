/**
 * The howler adapter: the only module that knows howler exists.
 *
 * Howler is used in HTML5 mode (`html5: true`), so a track streams through a media element
 * and seeks with byte ranges instead of being downloaded and decoded whole. That mode has
 * quirks this module absorbs so nothing else has to:
 * - `media://` URLs have no extension, so the `format` is always given explicitly.
 * - Howler ends an HTML5 sound with a wall-clock timer, which fires early whenever the stream
 *   stalls; the sprite below pushes that timer out of reach and the element's own `ended`
 *   event ends the track instead.
 * - Howler reports neither buffering nor the buffered range, and removes its element error
 *   listener after the first error; the element's events are followed here directly.
 * - `seek(n)` with one argument takes `n` for a sound ID when one has that number, so seeks
 *   always name the sound; seeks before loading are held here (howler keeps only the first).
 * - Seeking to the very end is unreliable: seeks stop half a second short.
 * - One Howl per active track (plus the preloaded next one), each unloaded when replaced, so
 *   howler's pool of unlocked elements never runs dry.
 */
import { Howl } from 'howler';
import {
  createEmitter,
  type BufferedRanges,
  type LoadOptions,
  type Player,
  type PlayerSource,
} from './player.ts';

/** Longer than any track (ms), but below the 2^31 ms where a browser timer fires at once. */
const endlessSprite: Record<string, [number, number]> = { __default: [0, 2_000_000_000] };
/** Seeks stop this far before the end (howler issues #963, #1666). */
const endGuardSeconds = 0.5;

/** Howler's per-sound object, private: the element and the sound's ID. */
interface HowlerSound {
  _id?: number;
  _node?: unknown;
}

interface Voice {
  howl: Howl;
  source: PlayerSource;
  node?: HTMLAudioElement;
  soundId?: number;
  /** Howler has the metadata and will play at once when asked. */
  loaded: boolean;
  /** The element failed (a preloaded voice is then not used). */
  failed: boolean;
  detach: Array<() => void>;
}

export interface HowlerPlayerOptions {
  /** Replaced in tests. */
  HowlClass?: typeof Howl;
  /** Pause before rebuilding a sound that failed mid-track. */
  recoveryDelayMs?: number;
  /** Seconds of clean playback after a rebuild before another rebuild is allowed. */
  healthySeconds?: number;
}

function privateSound(howl: Howl): HowlerSound | undefined {
  return (howl as unknown as { _sounds?: HowlerSound[] })._sounds?.[0];
}

function rangesOf(node: HTMLAudioElement): BufferedRanges {
  const out: Array<readonly [number, number]> = [];
  const { buffered } = node;
  for (let i = 0; i < buffered.length; i++) out.push([buffered.start(i), buffered.end(i)]);
  return out;
}

function listen(voice: Voice, type: string, handler: () => void): void {
  const node = voice.node;
  if (!node) return;
  node.addEventListener(type, handler);
  voice.detach.push(() => node.removeEventListener(type, handler));
}

export function createHowlerPlayer(options: HowlerPlayerOptions = {}): Player {
  const HowlClass = options.HowlClass ?? Howl;
  const recoveryDelayMs = options.recoveryDelayMs ?? 400;
  const healthySeconds = options.healthySeconds ?? 5;
  const events = createEmitter();

  let active: Voice | undefined;
  let standby: Voice | undefined;
  let wantPlay = false;
  let pendingSeek: number | undefined;
  let lastPosition = 0;
  let everPlayed = false;
  /** Position of the last rebuild; undefined while a rebuild is allowed. */
  let recoveredAt: number | undefined;
  let recoveryTimer: ReturnType<typeof setTimeout> | undefined;
  let volume = 1;
  let muted = false;
  let duckLevel = 1;

  const effectiveVolume = () => (muted ? 0 : volume * duckLevel);

  const durationOf = (voice: Voice | undefined) => {
    const value = voice?.node?.duration;
    return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
  };

  const clamp = (seconds: number) => {
    const duration = durationOf(active);
    const upper = duration ? Math.max(0, duration - endGuardSeconds) : Number.POSITIVE_INFINITY;
    return Math.min(Math.max(0, Number.isFinite(seconds) ? seconds : 0), upper);
  };

  const teardown = (voice: Voice | undefined) => {
    if (!voice) return;
    for (const detach of voice.detach.splice(0)) detach();
    voice.howl.off();
    voice.howl.unload();
  };

  const startPlayback = (voice: Voice) => {
    if (pendingSeek !== undefined) {
      voice.howl.seek(clamp(pendingSeek), voice.soundId);
      pendingSeek = undefined;
    }
    voice.howl.play(voice.soundId);
  };

  const onActiveLoaded = (voice: Voice) => {
    if (wantPlay) startPlayback(voice);
    else if (pendingSeek !== undefined && voice.soundId !== undefined) {
      voice.howl.seek(clamp(pendingSeek), voice.soundId);
      pendingSeek = undefined;
    }
  };

  const recover = (voice: Voice) => {
    recoveredAt = lastPosition;
    events.emit('buffering', true);
    recoveryTimer = setTimeout(() => {
      recoveryTimer = undefined;
      if (active !== voice) return;
      teardown(voice);
      pendingSeek = lastPosition;
      activate(makeVoice(voice.source));
    }, recoveryDelayMs);
  };

  const onError = (voice: Voice, code: number) => {
    voice.failed = true;
    if (voice !== active) return;
    const stage = voice.loaded || everPlayed ? 'playback' : 'load';
    if (stage === 'playback' && recoveredAt === undefined) {
      recover(voice);
      return;
    }
    wantPlay = false;
    events.emit('error', { code, stage });
  };

  function makeVoice(source: PlayerSource): Voice {
    const howl = new HowlClass({
      src: [source.src],
      format: [source.format || 'mp3'],
      html5: true,
      preload: true,
      sprite: endlessSprite,
      volume: effectiveVolume(),
    });
    const sound = privateSound(howl);
    const node = sound?._node instanceof HTMLAudioElement ? sound._node : undefined;
    const voice: Voice = {
      howl,
      source,
      node,
      soundId: sound?._id,
      loaded: howl.state() === 'loaded',
      failed: false,
      detach: [],
    };
    howl.on('load', () => {
      voice.loaded = true;
      if (voice === active) onActiveLoaded(voice);
    });
    // Without an element (no codec for the format) howler's own event is the only signal.
    howl.on('loaderror', () => {
      if (!voice.node) onError(voice, 4);
    });
    howl.on('playerror', () => {
      // Autoplay refused (never in the app; possible in a plain browser): play on unlock.
      howl.once('unlock', () => {
        if (voice === active && wantPlay) howl.play(voice.soundId);
      });
    });
    listen(voice, 'error', () => onError(voice, voice.node?.error?.code ?? 0));
    return voice;
  }

  function activate(voice: Voice): void {
    active = voice;
    listen(voice, 'timeupdate', () => {
      if (active !== voice || !voice.node) return;
      lastPosition = voice.node.currentTime;
      if (recoveredAt !== undefined && lastPosition > recoveredAt + healthySeconds) {
        recoveredAt = undefined;
      }
      events.emit('time', { position: lastPosition, duration: durationOf(voice) });
    });
    const ready = () => {
      const duration = durationOf(voice);
      if (duration) events.emit('ready', { duration });
    };
    listen(voice, 'loadedmetadata', ready);
    listen(voice, 'durationchange', ready);
    const waiting = () => {
      if (wantPlay) events.emit('buffering', true);
    };
    listen(voice, 'waiting', waiting);
    listen(voice, 'stalled', waiting);
    // Howler pauses the element for a seek and plays it once the new range can play, so the
    // element never reports `waiting` meanwhile: the seek itself marks the wait.
    listen(voice, 'seeking', waiting);
    listen(voice, 'seeked', () => {
      if (voice.node && voice.node.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) {
        events.emit('buffering', false);
      }
    });
    listen(voice, 'canplay', () => events.emit('buffering', false));
    listen(voice, 'playing', () => {
      everPlayed = true;
      events.emit('buffering', false);
      events.emit('playing', undefined);
    });
    const buffered = () => {
      if (voice.node) events.emit('buffered', rangesOf(voice.node));
    };
    listen(voice, 'progress', buffered);
    listen(voice, 'seeked', buffered);
    listen(voice, 'ended', () => {
      // Keep howler's idea of the sound in step with the element, so a replay works.
      voice.howl.pause(voice.soundId);
      wantPlay = false;
      events.emit('ended', undefined);
    });
    if (voice.node && voice.node.readyState >= 1) ready();
    if (voice.loaded) onActiveLoaded(voice);
  }

  const applyVolume = (fadeMs = 0) => {
    const target = effectiveVolume();
    for (const voice of [active, standby]) {
      if (!voice) continue;
      const from = voice.howl.volume();
      if (fadeMs > 0 && voice.loaded) voice.howl.fade(from, target, fadeMs);
      else voice.howl.volume(target);
    }
  };

  return {
    load(source, loadOptions: LoadOptions = {}) {
      clearTimeout(recoveryTimer);
      recoveryTimer = undefined;
      teardown(active);
      active = undefined;
      wantPlay = false;
      everPlayed = false;
      recoveredAt = undefined;
      const start = loadOptions.position ?? 0;
      pendingSeek = start > 0 ? start : undefined;
      lastPosition = start;
      let voice: Voice;
      if (standby && standby.source.src === source.src && !standby.failed) {
        voice = standby;
        standby = undefined;
        voice.howl.volume(effectiveVolume());
      } else {
        teardown(standby);
        standby = undefined;
        voice = makeVoice(source);
      }
      activate(voice);
    },
    play() {
      wantPlay = true;
      if (active?.loaded) startPlayback(active);
    },
    pause() {
      wantPlay = false;
      if (active?.loaded) active.howl.pause(active.soundId);
    },
    stop() {
      clearTimeout(recoveryTimer);
      teardown(active);
      active = undefined;
      wantPlay = false;
      pendingSeek = undefined;
      lastPosition = 0;
    },
    seek(seconds) {
      const target = clamp(seconds);
      lastPosition = target;
      if (!active) return;
      if (active.loaded && active.soundId !== undefined && !active.failed) {
        active.howl.seek(target, active.soundId);
      } else pendingSeek = target;
    },
    position() {
      if (!active?.node || pendingSeek !== undefined) return lastPosition;
      return active.node.currentTime;
    },
    duration: () => durationOf(active),
    setVolume(next) {
      volume = Math.min(1, Math.max(0, next));
      applyVolume();
    },
    setMuted(next) {
      muted = next;
      applyVolume();
    },
    duck(level) {
      duckLevel = Math.min(1, Math.max(0, level));
      applyVolume(400);
    },
    unduck() {
      duckLevel = 1;
      applyVolume(400);
    },
    preload(source) {
      if (active?.source.src === source.src) return;
      if (standby?.source.src === source.src && !standby.failed) return;
      teardown(standby);
      standby = makeVoice(source);
    },
    on: events.on,
    dispose() {
      clearTimeout(recoveryTimer);
      teardown(active);
      teardown(standby);
      active = undefined;
      standby = undefined;
      events.clear();
    },
  };
}
