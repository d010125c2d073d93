import {
  Loader2,
  Pause,
  Play,
  Repeat,
  Repeat1,
  Shuffle,
  SkipBack,
  SkipForward,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { RepeatMode } from '../../../src-preload/contract/schemas/player.ts';
import { IconButton } from '../../ui/IconButton.tsx';
import type { PlaybackStatus } from './engine-state.ts';

interface Props {
  status: PlaybackStatus;
  buffering: boolean;
  hasTrack: boolean;
  shuffle: boolean;
  repeat: RepeatMode;
  onTogglePlay: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onToggleShuffle: () => void;
  onCycleRepeat: () => void;
}

export function TransportControls(props: Props) {
  const { t } = useTranslation('player');
  const { status, buffering, hasTrack, shuffle, repeat } = props;
  const active = status === 'playing' || status === 'loading' || status === 'waiting-network';
  const busy = active && (buffering || status === 'loading');
  const RepeatIcon = repeat === 'one' ? Repeat1 : Repeat;
  return (
    <div className="transport" role="group" aria-label={t('controls.label')}>
      <IconButton label={t('controls.shuffle')} pressed={shuffle} onClick={props.onToggleShuffle}>
        <Shuffle size={16} aria-hidden="true" />
      </IconButton>
      <IconButton label={t('controls.previous')} disabled={!hasTrack} onClick={props.onPrevious}>
        <SkipBack size={18} aria-hidden="true" />
      </IconButton>
      <IconButton
        label={active ? t('controls.pause') : t('controls.play')}
        variant="primary"
        disabled={!hasTrack}
        onClick={props.onTogglePlay}
      >
        {busy ? (
          <Loader2 size={20} className="spin" aria-hidden="true" />
        ) : active ? (
          <Pause size={20} aria-hidden="true" />
        ) : (
          <Play size={20} aria-hidden="true" />
        )}
      </IconButton>
      <IconButton label={t('controls.next')} disabled={!hasTrack} onClick={props.onNext}>
        <SkipForward size={18} aria-hidden="true" />
      </IconButton>
      <IconButton
        label={t('controls.repeat', { mode: t(`controls.repeatMode.${repeat}`) })}
        pressed={repeat !== 'off'}
        onClick={props.onCycleRepeat}
      >
        <RepeatIcon size={16} aria-hidden="true" />
      </IconButton>
    </div>
  );
}
