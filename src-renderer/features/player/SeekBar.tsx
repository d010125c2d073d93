import { Slider } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format.ts';
import type { BufferedRanges } from './player.ts';

interface Props {
  position: number;
  duration: number;
  buffered: BufferedRanges;
  disabled: boolean;
  onSeek: (seconds: number) => void;
}

/**
 * The position slider. While it is dragged the thumb follows the pointer and the time shows the
 * target, and only letting go seeks, so a drag is one range request, not fifty. Arrow keys move
 * 5 s, Page Up/Down 50 s, Home/End to the ends. The buffered parts show under the track.
 */
export function SeekBar({ position, duration, buffered, disabled, onSeek }: Props) {
  const { t } = useTranslation('player');
  const [dragging, setDragging] = useState<number | undefined>();
  const max = duration > 0 ? duration : 1;
  const shown = Math.min(dragging ?? position, max);
  const known = duration > 0;
  const valueText = t('controls.seekText', {
    elapsed: formatDuration(shown),
    total: known ? formatDuration(duration) : '–',
  });
  return (
    <div className="seek">
      <span className="seek__time" aria-hidden="true">
        {formatDuration(shown)}
      </span>
      <Slider.Root
        className="slider seek__slider"
        min={0}
        max={max}
        step={5}
        value={[shown]}
        disabled={disabled || !known}
        onValueChange={([value]) => setDragging(value)}
        onValueCommit={([value]) => {
          setDragging(undefined);
          if (value !== undefined) onSeek(value);
        }}
      >
        <Slider.Track className="slider__track">
          {known &&
            buffered.map(([start, end]) => (
              <span
                key={`${start}-${end}`}
                className="seek__buffered"
                data-testid="seek-buffered"
                style={{
                  left: `${(Math.min(start, max) / max) * 100}%`,
                  width: `${((Math.min(end, max) - Math.min(start, max)) / max) * 100}%`,
                }}
              />
            ))}
          <Slider.Range className="slider__range" />
        </Slider.Track>
        <Slider.Thumb
          className="slider__thumb"
          aria-label={t('controls.seek')}
          aria-valuetext={valueText}
        />
      </Slider.Root>
      <span className="seek__time seek__time--end" aria-hidden="true">
        {known
          ? t('controls.remaining', { time: formatDuration(Math.max(0, duration - shown)) })
          : '–'}
      </span>
    </div>
  );
}
