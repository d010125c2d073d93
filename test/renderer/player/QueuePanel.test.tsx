import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePlayRequest } from '../../../src-renderer/features/player/play-request.ts';
import { QueuePanel } from '../../../src-renderer/features/player/QueuePanel.tsx';
import { useFixedLayout } from '../support/layout.ts';
import { run, usePlayerHarness } from './support/mount.ts';

const size = 20_000;
useFixedLayout({ width: 400, height: 440 });
// happy-dom lays nothing out: the list's content is as tall as its rows, so it can scroll.
const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight')!;
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get: () => size * 44,
  });
});
afterEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', scrollHeight);
});
const mount = usePlayerHarness(size);

const ids = Array.from({ length: size }, (_, i) => i + 1);
const list = () => screen.getByRole('listbox', { name: 'Queue tracks' });
const options = () => screen.getAllByRole('option');
const titles = () => options().map((row) => row.querySelector('.queue-row__title')!.textContent);
const live = () => screen.getByRole('complementary').querySelector('[aria-live]')!.textContent;

function open(start = 0) {
  const h = mount();
  run(() => h.engine.playIds(ids, start));
  const onClose = vi.fn();
  render(<QueuePanel onClose={onClose} />);
  return { h, onClose };
}

describe('the queue panel', () => {
  it('keeps only a window of rows in the DOM for 20,000 entries', () => {
    open();
    expect(screen.getByText(/^20,000 tracks · /)).toBeTruthy();
    const rows = options();
    // 440 px at 44 px a row is 10 rows, plus the overscan.
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe(String(size));
    expect(rows[0]!.getAttribute('aria-current')).toBe('true');
    expect(titles()[0]).toBe('Song 1');
    expect(screen.queryByText('Song 10000')).toBeNull();
    expect(document.activeElement).toBe(list());
  });

  it('opens at the current track deep in the queue', () => {
    open(15_000);
    // The browser reports the panel's own scroll to the current row.
    fireEvent.scroll(list());
    const current = options().find((row) => row.getAttribute('aria-current') === 'true');
    expect(current?.getAttribute('aria-posinset')).toBe('15001');
    expect(within(current!).getByText('Song 15001')).toBeTruthy();
    expect(options().length).toBeLessThan(30);
    expect(screen.queryByText('Song 1')).toBeNull();
  });

  it('arrows move the focus and Enter plays the focused track', () => {
    const { h } = open();
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    fireEvent.keyDown(list(), { key: 'ArrowUp' });
    const focused = options().find((row) => row.getAttribute('aria-selected') === 'true')!;
    expect(list().getAttribute('aria-activedescendant')).toBe(focused.id);
    expect(focused.getAttribute('aria-posinset')).toBe('2');
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(h.loadedId()).toBe(2);
    expect(focused.getAttribute('aria-current')).toBe('true');
  });

  it('End and Home reach the ends of a long queue', () => {
    const { h } = open();
    fireEvent.keyDown(list(), { key: 'End' });
    fireEvent.scroll(list());
    expect(options().at(-1)!.getAttribute('aria-posinset')).toBe(String(size));
    const last = h.state().queue.entries[size - 1]!;
    expect(list().getAttribute('aria-activedescendant')).toBe(`queue-entry-${last.uid}`);
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(h.loadedId()).toBe(size);
    fireEvent.keyDown(list(), { key: 'Home' });
    fireEvent.keyDown(list(), { key: 'PageDown' });
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(h.loadedId()).toBe(11);
  });

  it('Alt+↓ and Alt+↑ move the focused entry and say where it went', () => {
    const { h } = open();
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    fireEvent.keyDown(list(), { key: 'ArrowDown', altKey: true });
    expect(h.ids().slice(0, 4)).toEqual([1, 3, 2, 4]);
    expect(titles().slice(0, 4)).toEqual(['Song 1', 'Song 3', 'Song 2', 'Song 4']);
    expect(live()).toBe('Moved Song 2 to position 3.');
    // The focus travels with the entry, so the next move takes it further.
    fireEvent.keyDown(list(), { key: 'ArrowDown', altKey: true });
    expect(h.ids().slice(0, 4)).toEqual([1, 3, 4, 2]);
    fireEvent.keyDown(list(), { key: 'ArrowUp', altKey: true });
    fireEvent.keyDown(list(), { key: 'ArrowUp', altKey: true });
    fireEvent.keyDown(list(), { key: 'ArrowUp', altKey: true });
    expect(h.ids().slice(0, 4)).toEqual([2, 1, 3, 4]);
    // Nothing moves past the top; the current track stays current.
    fireEvent.keyDown(list(), { key: 'ArrowUp', altKey: true });
    expect(h.ids().slice(0, 2)).toEqual([2, 1]);
    expect(h.currentId()).toBe(1);
    expect(h.loadedId()).toBe(1);
  });

  it('Delete removes the focused entry, and the remove button removes its row', () => {
    const { h } = open();
    fireEvent.keyDown(list(), { key: 'ArrowDown' });
    fireEvent.keyDown(list(), { key: 'Delete' });
    expect(h.ids().slice(0, 3)).toEqual([1, 3, 4]);
    expect(h.state().queue.entries).toHaveLength(size - 1);
    expect(live()).toBe('Removed 1 track from the queue.');
    expect(screen.getByText(/^19,999 tracks · /)).toBeTruthy();
    const third = options()[2]!;
    fireEvent.click(within(third).getByRole('button', { name: 'Remove from the queue' }));
    expect(h.ids().slice(0, 3)).toEqual([1, 3, 5]);
    expect(h.loadedId()).toBe(1);
  });

  it('drags a row to a new place', () => {
    const { h } = open();
    const dataTransfer = { effectAllowed: '', setData: vi.fn() };
    /** happy-dom's drag events carry no pointer position: give them one. */
    const drag = (target: Element, type: string, clientY = 0) => {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperties(event, {
        dataTransfer: { value: dataTransfer },
        clientY: { value: clientY },
      });
      fireEvent(target, event);
    };
    drag(options()[0]!, 'dragstart');
    // Below the middle of the fourth row (a row measures 0 here): the entry lands after it.
    drag(options()[3]!, 'dragover', 10);
    expect(options()[3]!.className).not.toContain('queue-row--drop-before');
    expect(options()[4]!.className).toContain('queue-row--drop-before');
    drag(list(), 'drop');
    expect(h.ids().slice(0, 5)).toEqual([2, 3, 4, 1, 5]);
    expect(h.currentId()).toBe(1);
    expect(live()).toBe('Moved Song 1 to position 4.');
    expect(dataTransfer.effectAllowed).toBe('move');
    // Above the middle of a row: before it.
    drag(options()[4]!, 'dragstart');
    drag(options()[1]!, 'dragover', -10);
    drag(list(), 'drop');
    expect(h.ids().slice(0, 5)).toEqual([2, 5, 3, 4, 1]);
  });

  it('clears the upcoming tracks and shows the history', () => {
    const { h } = open();
    run(() => h.music.playing());
    fireEvent.click(screen.getByRole('button', { name: 'Clear upcoming' }));
    expect(h.ids()).toEqual([1]);
    expect(live()).toBe('Cleared the upcoming tracks.');
    fireEvent.mouseDown(screen.getByRole('tab', { name: 'History' }), { button: 0 });
    const history = screen.getByRole('tabpanel');
    expect(within(history).getByText('Song 1')).toBeTruthy();
    fireEvent.click(within(history).getByRole('button', { name: 'Play next: Song 1' }));
    expect(usePlayRequest.getState().request).toMatchObject({ ids: [1], mode: 'next' });
  });

  it('Escape closes it', () => {
    const { onClose } = open();
    fireEvent.keyDown(list(), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Close the queue' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
