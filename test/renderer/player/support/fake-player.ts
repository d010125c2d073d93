import {
  createEmitter,
  type LoadOptions,
  type Player,
  type PlayerError,
  type PlayerEvent,
  type PlayerEvents,
  type PlayerSource,
  type BufferedRanges,
} from '../../../../src-renderer/features/player/player.ts';

type Method = Exclude<keyof Player, 'on'>;

export interface PlayerCall {
  method: Method;
  args: unknown[];
}

/**
 * A Player that makes no sound: it records every call and keeps the little state a backend
 * would (source, position, volume, mute, duck), and the test decides when the "element" is
 * ready, plays, ends or fails by emitting the events itself.
 */
export class FakePlayer implements Player {
  readonly calls: PlayerCall[] = [];
  source: PlayerSource | undefined;
  /** The backend was asked to make sound (play, not since paused, stopped or reloaded). */
  wantsPlay = false;
  currentPosition = 0;
  currentDuration = 0;
  volume = 1;
  muted = false;
  duckLevel = 1;
  disposed = false;
  private readonly events = createEmitter();

  private record(method: Method, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  /** The arguments of every call to `method`, oldest first. */
  callsOf(method: Method): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  count(method: Method): number {
    return this.callsOf(method).length;
  }

  /** Sources loaded so far, oldest first. */
  loads(): Array<{ source: PlayerSource; options?: LoadOptions }> {
    return this.callsOf('load').map(([source, options]) => ({
      source: source as PlayerSource,
      options: options as LoadOptions | undefined,
    }));
  }

  lastLoad() {
    return this.loads().at(-1);
  }

  preloads(): PlayerSource[] {
    return this.callsOf('preload').map(([source]) => source as PlayerSource);
  }

  forget(): void {
    this.calls.length = 0;
  }

  load(source: PlayerSource, options?: LoadOptions): void {
    this.record('load', source, options);
    this.source = source;
    this.wantsPlay = false;
    this.currentPosition = options?.position ?? 0;
    this.currentDuration = 0;
  }
  play(): void {
    this.record('play');
    this.wantsPlay = true;
  }
  pause(): void {
    this.record('pause');
    this.wantsPlay = false;
  }
  stop(): void {
    this.record('stop');
    this.source = undefined;
    this.wantsPlay = false;
    this.currentPosition = 0;
  }
  seek(seconds: number): void {
    this.record('seek', seconds);
    this.currentPosition = seconds;
  }
  position(): number {
    return this.currentPosition;
  }
  duration(): number {
    return this.currentDuration;
  }
  setVolume(volume: number): void {
    this.record('setVolume', volume);
    this.volume = volume;
  }
  setMuted(muted: boolean): void {
    this.record('setMuted', muted);
    this.muted = muted;
  }
  duck(level: number): void {
    this.record('duck', level);
    this.duckLevel = level;
  }
  unduck(): void {
    this.record('unduck');
    this.duckLevel = 1;
  }
  preload(source: PlayerSource): void {
    this.record('preload', source);
  }
  dispose(): void {
    this.record('dispose');
    this.disposed = true;
    this.events.clear();
  }
  on<E extends PlayerEvent>(event: E, listener: (payload: PlayerEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  emit<E extends PlayerEvent>(event: E, payload: PlayerEvents[E]): void {
    this.events.emit(event, payload);
  }

  // What a real element reports, one call each.
  ready(duration: number): void {
    this.currentDuration = duration;
    this.emit('ready', { duration });
  }
  time(position: number, duration = this.currentDuration): void {
    this.currentPosition = position;
    this.emit('time', { position, duration });
  }
  playing(): void {
    this.emit('playing', undefined);
  }
  ended(): void {
    this.wantsPlay = false;
    this.emit('ended', undefined);
  }
  fail(error: PlayerError = { code: 2, stage: 'playback' }): void {
    this.wantsPlay = false;
    this.emit('error', error);
  }
  buffering(flag: boolean): void {
    this.emit('buffering', flag);
  }
  buffered(ranges: BufferedRanges): void {
    this.emit('buffered', ranges);
  }
}

/** A player factory that keeps every player it made (the engine's music, then a preview's). */
export function fakePlayers() {
  const created: FakePlayer[] = [];
  return {
    created,
    factory: (): Player => {
      const player = new FakePlayer();
      created.push(player);
      return player;
    },
  };
}
