import { Music2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TrackMeta } from './engine-state.ts';

/** Title, artist and album of the current track, beside an artwork placeholder. */
export function NowPlaying({ track, trackId }: { track?: TrackMeta; trackId: number }) {
  const { t } = useTranslation('player');
  const title = track?.title || t('unknownTrack', { id: trackId });
  return (
    <div className="now-playing">
      <span className="player-bar__art" aria-hidden="true">
        <Music2 size={22} />
      </span>
      <div className="now-playing__text">
        <p className="now-playing__title" title={title} data-testid="now-playing-title">
          {title}
        </p>
        {track && (
          <p className="now-playing__meta" title={`${track.artist} — ${track.album}`}>
            {[track.artist, track.album].filter(Boolean).join(' — ')}
          </p>
        )}
      </div>
    </div>
  );
}
