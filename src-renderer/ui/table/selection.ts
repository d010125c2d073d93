/**
 * Row selection as a pure state machine over row positions, so the table component stays
 * thin and the rules (click, Ctrl/Cmd-click, Shift-click, keyboard) are unit-testable.
 */
export interface SelectionState<K> {
  selected: ReadonlySet<K>;
  /** Row the keyboard is on. */
  active?: K;
  /** Start of a Shift range. */
  anchor?: K;
}

export type SelectGesture = 'replace' | 'toggle' | 'range';

export function applySelection<K>(
  state: SelectionState<K>,
  keys: readonly K[],
  target: K,
  gesture: SelectGesture,
): SelectionState<K> {
  if (gesture === 'toggle') {
    const selected = new Set(state.selected);
    if (selected.has(target)) selected.delete(target);
    else selected.add(target);
    return { selected, active: target, anchor: target };
  }
  if (gesture === 'range' && state.anchor !== undefined) {
    const from = keys.indexOf(state.anchor);
    const to = keys.indexOf(target);
    if (from >= 0 && to >= 0) {
      const [start, end] = from < to ? [from, to] : [to, from];
      return {
        selected: new Set(keys.slice(start, end + 1)),
        active: target,
        anchor: state.anchor,
      };
    }
  }
  return { selected: new Set([target]), active: target, anchor: target };
}

export function selectAll<K>(keys: readonly K[], state: SelectionState<K>): SelectionState<K> {
  return { ...state, selected: new Set(keys) };
}
