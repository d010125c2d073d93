import { ListMusic, Music2 } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../../lib/format.ts';
import { getTrack } from '../library/index.ts';
import type { EngineState } from './engine-state.ts';
import { NowPlaying } from './NowPlaying.tsx';
import { PlaybackNotice } from './PlaybackNotice.tsx';
import { playerEngine, usePlayer } from './player-store.ts';
import { QueuePanel } from './QueuePanel.tsx';
import { currentEntry } from './queue.ts';
import { SeekBar } from './SeekBar.tsx';
import { TransportControls } from './TransportControls.tsx';
import { VolumeControl } from './VolumeControl.tsx';
import './player.css';
import { IconButton } from '../../ui/IconButton.tsx';

/*
 * Each part of the bar reads only the state it shows, so the position ticking four times a
 * second re-renders the seek slider and nothing else.
 */

const currentId = (state: EngineState) => currentEntry(state.queue)?.id;

function Current() {
  const { t } = useTranslation('player');
  // The announcement changes when the library names a track it could not name before.
  const [id] = usePlayer(useShallow((state) => [currentId(state), state.announcement]));
  if (id === undefined) {
    return (
      <div className="player-bar__idle">
        <span className="player-bar__art" aria-hidden="true">
          <Music2 size={22} />
        </span>
        <div>
          <p className="player-bar__title">{t('idle')}</p>
          <p className="player-bar__hint">{t('idleHint')}</p>
        </div>
      </div>
    );
  }
  return <NowPlaying track={getTrack(id)} trackId={id} />;
}

function Transport() {
  const props = usePlayer(
    useShallow((state) => ({
      status: state.status,
      buffering: state.buffering,
      hasTrack: currentId(state) !== undefined,
      shuffle: state.queue.shuffle,
      repeat: state.queue.repeat,
    })),
  );
  return (
    <TransportControls
      {...props}
      onTogglePlay={() => playerEngine()?.togglePlay()}
      onPrevious={() => playerEngine()?.previous()}
      onNext={() => playerEngine()?.next()}
      onToggleShuffle={() => playerEngine()?.toggleShuffle()}
      onCycleRepeat={() => playerEngine()?.cycleRepeat()}
    />
  );
}

function Seek() {
  const { position, duration, buffered, hasTrack } = usePlayer(
    useShallow((state) => ({
      position: state.position,
      duration: state.duration,
      buffered: state.buffered,
      hasTrack: currentId(state) !== undefined,
    })),
  );
  return (
    <SeekBar
      position={position}
      duration={duration}
      buffered={buffered}
      disabled={!hasTrack}
      onSeek={(seconds) => playerEngine()?.seek(seconds)}
    />
  );
}

function Notice() {
  const state = usePlayer(
    useShallow((s) => ({
      status: s.status,
      buffering: s.buffering,
      problem: s.problem,
      preview: s.preview,
      ducked: s.ducked,
    })),
  );
  return (
    <PlaybackNotice
      state={state}
      onRetry={() => playerEngine()?.play()}
      onStopPreview={() => playerEngine()?.stopPreview()}
    />
  );
}

function Volume() {
  const { volume, muted } = usePlayer(
    useShallow((state) => ({ volume: state.volume, muted: state.muted })),
  );
  return (
    <VolumeControl
      volume={volume}
      muted={muted}
      onVolume={(next) => playerEngine()?.setVolume(next)}
      onToggleMute={() => playerEngine()?.toggleMute()}
    />
  );
}

/** The bottom bar: what plays, the controls, position, volume, and the queue panel's toggle. */
export function PlayerBar() {
  const { t } = useTranslation('player');
  const status = usePlayer((state) => state.status);
  const announcement = usePlayer((state) => state.announcement);
  const queued = usePlayer((state) => state.queue.entries.length);
  const [queueOpen, setQueueOpen] = useState(false);
  const queueButton = useRef<HTMLButtonElement>(null);
  return (
    <footer className="player-bar" aria-label={t('region')} data-status={status}>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <div className="player-bar__now">
        <Current />
      </div>
      <div className="player-bar__center">
        <Transport />
        <Seek />
        <Notice />
      </div>
      <div className="player-bar__end">
        <Volume />
        <IconButton
          ref={queueButton}
          label={t('controls.queue')}
          aria-expanded={queueOpen}
          aria-controls="queue-panel"
          onClick={() => setQueueOpen((open) => !open)}
        >
          <ListMusic size={18} aria-hidden="true" />
          {queued > 0 && <span className="icon-button__badge">{formatCount(queued)}</span>}
        </IconButton>
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
