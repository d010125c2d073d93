import { ListMusic, Music2 } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getTrack } from '../library/library-lookup.ts';
import { NowPlaying } from './NowPlaying.tsx';
import { PlaybackNotice } from './PlaybackNotice.tsx';
import { playerEngine, usePlayer } from './player-store.ts';
import { QueuePanel } from './QueuePanel.tsx';
import { currentEntry } from './queue.ts';
import { SeekBar } from './SeekBar.tsx';
import { TransportControls } from './TransportControls.tsx';
import { VolumeControl } from './VolumeControl.tsx';
import './player.css';

/** The bottom bar: what plays, the controls, position, volume, and the queue panel's toggle. */
export function PlayerBar() {
  const { t } = useTranslation('player');
  const state = usePlayer();
  const [queueOpen, setQueueOpen] = useState(false);
  const queueButton = useRef<HTMLButtonElement>(null);
  const entry = currentEntry(state.queue);
  const engine = playerEngine;
  return (
    <footer className="player-bar" aria-label={t('region')} data-status={state.status}>
      <p className="visually-hidden" aria-live="polite">
        {state.announcement}
      </p>
      <div className="player-bar__now">
        {entry ? (
          <NowPlaying track={getTrack(entry.id)} trackId={entry.id} />
        ) : (
          <div className="player-bar__idle">
            <span className="player-bar__art" aria-hidden="true">
              <Music2 size={22} />
            </span>
            <div>
              <p className="player-bar__title">{t('idle')}</p>
              <p className="player-bar__hint">{t('idleHint')}</p>
            </div>
          </div>
        )}
      </div>
      <div className="player-bar__center">
        <TransportControls
          status={state.status}
          buffering={state.buffering}
          hasTrack={entry !== undefined}
          shuffle={state.queue.shuffle}
          repeat={state.queue.repeat}
          onTogglePlay={() => engine()?.togglePlay()}
          onPrevious={() => engine()?.previous()}
          onNext={() => engine()?.next()}
          onToggleShuffle={() => engine()?.toggleShuffle()}
          onCycleRepeat={() => engine()?.cycleRepeat()}
        />
        <SeekBar
          position={state.position}
          duration={state.duration}
          buffered={state.buffered}
          disabled={entry === undefined}
          onSeek={(seconds) => engine()?.seek(seconds)}
        />
        <PlaybackNotice
          state={state}
          onRetry={() => engine()?.play()}
          onStopPreview={() => engine()?.stopPreview()}
        />
      </div>
      <div className="player-bar__end">
        <VolumeControl
          volume={state.volume}
          muted={state.muted}
          onVolume={(volume) => engine()?.setVolume(volume)}
          onToggleMute={() => engine()?.toggleMute()}
        />
        <button
          ref={queueButton}
          type="button"
          className="icon-button"
          aria-label={t('controls.queue')}
          title={t('controls.queue')}
          aria-expanded={queueOpen}
          aria-controls="queue-panel"
          onClick={() => setQueueOpen((open) => !open)}
        >
          <ListMusic size={18} aria-hidden="true" />
          {state.queue.entries.length > 0 && (
            <span className="icon-button__badge">
              {state.queue.entries.length.toLocaleString()}
            </span>
          )}
        </button>
      </div>
      {queueOpen && (
        <QueuePanel
          onClose={() => {
            setQueueOpen(false);
            queueButton.current?.focus();
          }}
        />
      )}
    </footer>
  );
}
