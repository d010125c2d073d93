/** True when a key press belongs to a text field and must not trigger app shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return target.getAttribute('role') === 'textbox';
}

/** Ctrl/Cmd plus a key, with no other modifier. */
export function isPrimaryChord(event: KeyboardEvent): boolean {
  const primary = navigator.platform.startsWith('Mac') ? event.metaKey : event.ctrlKey;
  return primary && !event.altKey && !event.shiftKey;
}
