import { isPrimaryChord, isTypingTarget } from '../../lib/shortcuts.ts';
import type { PlaybackEngine } from './playback-engine.ts';

/** Seconds ←/→ move within the track. */
export const seekStep = 5;

type Actions = Pick<PlaybackEngine, 'togglePlay' | 'seekBy' | 'next' | 'previous' | 'toggleMute'>;

/**
 * Elements whose own keys (Space on a button or a checkbox, arrows on a slider, a radio group or
 * a list) must win. Inputs that are not text fields (checkbox, radio, range) count too.
 */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    key === ' ' &&
    target.closest('button, a, input, [role="button"], [role="option"], [role="row"]')
  )
    return true;
  if (
    (key === 'ArrowLeft' || key === 'ArrowRight') &&
    target.closest(
      'input, [role="slider"], [role="radiogroup"], [role="tablist"], [role="menu"], [role="grid"]',
    )
  )
    return true;
  return false;
}

/**
 * The in-app shortcuts: Space play/pause, ←/→ seek, Ctrl/Cmd+←/→ previous/next track, M mute.
 * None of them fires while typing in a field, or where the focused control uses the key itself.
 */
export function handlePlayerKey(event: KeyboardEvent, actions: Actions): boolean {
  if (event.defaultPrevented || event.altKey || isTypingTarget(event.target)) return false;
  const chord = isPrimaryChord(event);
  if (!chord && (event.ctrlKey || event.metaKey)) return false;
  if (chord) {
    if (event.key === 'ArrowRight') actions.next();
    else if (event.key === 'ArrowLeft') actions.previous();
    else return false;
    return true;
  }
  if (event.shiftKey || ownsKey(event.target, event.key)) return false;
  switch (event.key) {
    case ' ':
      actions.togglePlay();
      return true;
    case 'ArrowRight':
      actions.seekBy(seekStep);
      return true;
    case 'ArrowLeft':
      actions.seekBy(-seekStep);
      return true;
    case 'm':
    case 'M':
      actions.toggleMute();
      return true;
    default:
      return false;
  }
}

export function bindPlayerShortcuts(actions: Actions, target: Window = window): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (handlePlayerKey(event, actions)) event.preventDefault();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
