import { Loader2, Megaphone, RotateCcw, Square, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { EngineState } from './engine-state.ts';

interface Props {
  state: Pick<EngineState, 'status' | 'buffering' | 'problem' | 'preview' | 'ducked'>;
  onRetry: () => void;
  onStopPreview: () => void;
}

/**
 * One line under the controls for what the user should know now: a preview playing over the
 * music, waiting for the network, a stop after repeated failures (with its reference), or
 * buffering. Announced politely so a screen reader hears it too.
 */
export function PlaybackNotice({ state, onRetry, onStopPreview }: Props) {
  const { t } = useTranslation('player');
  const { status, buffering, problem, preview } = state;
  let content: React.ReactNode = null;
  if (preview) {
    content = (
      <>
        <Megaphone size={14} aria-hidden="true" />
        <span>{t('preview.playing', { name: preview.name })}</span>
        <button type="button" className="link-button" onClick={onStopPreview}>
          <Square size={12} aria-hidden="true" /> {t('preview.stop')}
        </button>
      </>
    );
  } else if (status === 'waiting-network') {
    content = (
      <>
        <WifiOff size={14} aria-hidden="true" />
        <span>{problem?.message ?? t('status.waitingNetwork')}</span>
        <button type="button" className="link-button" onClick={onRetry}>
          <RotateCcw size={12} aria-hidden="true" /> {t('problem.retry')}
        </button>
      </>
    );
  } else if (status === 'stopped' && problem) {
    content = (
      <>
        <span className="playback-notice__error">
          {problem.message} {problem.action}
        </span>
        {problem.reference && <code className="playback-notice__ref">{problem.reference}</code>}
      </>
    );
  } else if (buffering && (status === 'playing' || status === 'loading')) {
    content = (
      <>
        <Loader2 size={14} className="spin" aria-hidden="true" />
        <span>{t('status.buffering')}</span>
      </>
    );
  }
  return (
    <div
      className={`playback-notice${status === 'stopped' && problem ? ' playback-notice--error' : ''}`}
      aria-live="polite"
      data-testid="playback-notice"
    >
      {content}
    </div>
  );
}
