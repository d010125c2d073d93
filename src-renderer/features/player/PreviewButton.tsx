import { Headphones, Square } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { playerEngine, usePlayer } from './player-store.ts';

interface Props {
  id: string;
  name: string;
  format?: string;
  disabled?: boolean;
  describedBy?: string;
}

/** Plays a Musique item over the music (which ducks while it plays); pressed again, stops. */
export function PreviewButton({ id, name, format, disabled, describedBy }: Props) {
  const { t } = useTranslation('player');
  const preview = usePlayer((state) => state.preview);
  const playing = preview?.id === id;
  return (
    <button
      type="button"
      className="button"
      aria-pressed={playing}
      disabled={disabled}
      aria-describedby={describedBy}
      onClick={() => {
        const engine = playerEngine();
        if (playing) engine?.stopPreview();
        else engine?.preview({ id, name, format });
      }}
    >
      {playing ? (
        <Square size={14} aria-hidden="true" />
      ) : (
        <Headphones size={14} aria-hidden="true" />
      )}
      {playing ? t('preview.stop') : t('preview.play')}
    </button>
  );
}
