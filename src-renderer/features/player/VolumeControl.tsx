import { Volume1, Volume2, VolumeX } from 'lucide-react';
import { Slider } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../ui/IconButton.tsx';

interface Props {
  volume: number;
  muted: boolean;
  onVolume: (volume: number) => void;
  onToggleMute: () => void;
}

export function VolumeControl({ volume, muted, onVolume, onToggleMute }: Props) {
  const { t } = useTranslation('player');
  const silent = muted || volume === 0;
  const Icon = silent ? VolumeX : volume < 0.5 ? Volume1 : Volume2;
  const percent = Math.round(volume * 100);
  return (
    <div className="volume">
      <IconButton
        label={t('controls.mute')}
        tooltip={muted ? t('controls.unmute') : t('controls.mute')}
        pressed={muted}
        onClick={onToggleMute}
      >
        <Icon size={18} aria-hidden="true" />
      </IconButton>
      <Slider.Root
        className="slider volume__slider"
        min={0}
        max={100}
        step={5}
        value={[muted ? 0 : percent]}
        onValueChange={([value]) => value !== undefined && onVolume(value / 100)}
      >
        <Slider.Track className="slider__track">
          <Slider.Range className="slider__range" />
        </Slider.Track>
        <Slider.Thumb
          className="slider__thumb"
          aria-label={t('controls.volume')}
          aria-valuetext={t('controls.volumeText', { percent: muted ? 0 : percent })}
        />
      </Slider.Root>
    </div>
  );
}
