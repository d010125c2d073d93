import type { EngineDeps, PreviewItem, PreviewState, StateStore } from './engine-state.ts';
import type { Player } from './player.ts';

/** The music plays at this share of its volume while a preview speaks over it. */
export const duckLevel = 0.2;

export interface PreviewController {
  start(item: PreviewItem): void;
  stop(): void;
  /** The user's volume changed; a preview follows it (but not the music's mute). */
  setVolume(volume: number): void;
  dispose(): void;
}

/**
 * Plays a Musique library item over the music: a second Player of its own, the music ducked
 * while it plays and restored when it ends, fails or is stopped. The preview ignores the
 * music's mute on purpose — someone checking an announcement wants to hear it.
 */
export function createPreview(options: {
  deps: EngineDeps;
  music: Player;
  store: StateStore;
}): PreviewController {
  const { deps, music, store } = options;
  const { t } = deps;
  let voice: Player | undefined;
  let detach: Array<() => void> = [];
  let volume = store.getState().volume;

  const update = (partial: Partial<PreviewState>) => {
    const preview = store.getState().preview;
    if (preview) store.setState({ preview: { ...preview, ...partial } });
  };

  const finish = () => {
    for (const off of detach.splice(0)) off();
    voice?.stop();
    if (store.getState().ducked) music.unduck();
    store.setState({ preview: undefined, ducked: false });
  };

  const ensureVoice = (): Player => {
    voice ??= deps.createPlayer();
    voice.setVolume(volume);
    return voice;
  };

  return {
    start(item) {
      finish();
      const player = ensureVoice();
      store.setState({
        preview: { id: item.id, name: item.name, status: 'loading', position: 0, duration: 0 },
        ducked: true,
      });
      music.duck(duckLevel);
      detach = [
        player.on('ready', ({ duration }) => update({ duration })),
        player.on('time', ({ position, duration }) =>
          update({ position, ...(duration ? { duration } : {}) }),
        ),
        player.on('playing', () => update({ status: 'playing' })),
        player.on('ended', finish),
        player.on('error', () => {
          finish();
          deps.notify({
            tone: 'error',
            title: t('preview.failed', { name: item.name }),
            description: t('preview.failedAction'),
          });
        }),
      ];
      player.load({ src: deps.mediaUrl('audio', item.id), format: item.format || 'mp3' });
      player.play();
    },
    stop: finish,
    setVolume(next) {
      volume = next;
      voice?.setVolume(next);
    },
    dispose() {
      finish();
      voice?.dispose();
      voice = undefined;
    },
  };
}
