import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import {
  bindPlayerShortcuts,
  seekStep,
} from '../../../src-renderer/features/player/player-shortcuts.ts';

const primary = () => (navigator.platform.startsWith('Mac') ? 'metaKey' : 'ctrlKey');

type Action = Mock<() => void>;
let actions: {
  togglePlay: Action;
  seekBy: Mock<(seconds: number) => void>;
  next: Action;
  previous: Action;
  toggleMute: Action;
};
let unbind: () => void;

beforeEach(() => {
  actions = {
    togglePlay: vi.fn(),
    seekBy: vi.fn(),
    next: vi.fn(),
    previous: vi.fn(),
    toggleMute: vi.fn(),
  };
  unbind = bindPlayerShortcuts(actions);
});
afterEach(() => {
  unbind();
  document.body.innerHTML = '';
});

/** Presses a key on `target` (focused element), as the browser would: bubbling, cancelable. */
function press(target: Element, key: string, modifiers: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    ...modifiers,
  });
  target.dispatchEvent(event);
  return event;
}

function element(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host.querySelector('[data-target]') ?? (host.firstElementChild as HTMLElement);
}

const calls = () =>
  Object.fromEntries(
    Object.entries(actions)
      .filter(([, fn]) => fn.mock.calls.length)
      .map(([name, fn]) => [name, fn.mock.calls]),
  );

describe('the player’s keyboard shortcuts', () => {
  it('Space plays and pauses, ←/→ seek, Ctrl/Cmd+←/→ change track, M mutes', () => {
    const body = document.body;
    const handled = [
      press(body, ' '),
      press(body, 'ArrowRight'),
      press(body, 'ArrowLeft'),
      press(body, 'ArrowRight', { [primary()]: true }),
      press(body, 'ArrowLeft', { [primary()]: true }),
      press(body, 'm'),
      press(body, 'M'),
    ];
    expect(calls()).toEqual({
      togglePlay: [[]],
      seekBy: [[seekStep], [-seekStep]],
      next: [[]],
      previous: [[]],
      toggleMute: [[], []],
    });
    // Handled keys do not also scroll the page or move a caret.
    expect(handled.every((event) => event.defaultPrevented)).toBe(true);
  });

  it('leaves other keys and other chords alone', () => {
    const body = document.body;
    const ignored = [
      press(body, 'k'),
      press(body, 'ArrowUp'),
      press(body, 'ArrowRight', { shiftKey: true }),
      press(body, 'ArrowRight', { altKey: true }),
      press(body, ' ', { [primary()]: true }),
      press(body, 'ArrowRight', { [primary()]: true, shiftKey: true }),
      press(body, 'm', { [primary() === 'ctrlKey' ? 'metaKey' : 'ctrlKey']: true }),
    ];
    expect(calls()).toEqual({});
    expect(ignored.some((event) => event.defaultPrevented)).toBe(false);
  });

  it('does nothing while typing in a field', () => {
    const fields = [
      element('<input type="text">'),
      element('<input type="search">'),
      element('<input>'),
      element('<textarea></textarea>'),
      element('<select><option>a</option></select>'),
      element('<div contenteditable="true"><span data-target>caret here</span></div>'),
      element('<div role="textbox" tabindex="0"></div>'),
    ];
    for (const field of fields) {
      for (const key of [' ', 'ArrowLeft', 'ArrowRight', 'm', 'M']) {
        expect(press(field, key).defaultPrevented).toBe(false);
      }
      press(field, 'ArrowRight', { [primary()]: true });
    }
    expect(calls()).toEqual({});
  });

  it('lets a slider, tabs, a menu or a grid keep their arrows, but Space and M still work', () => {
    for (const html of [
      '<div role="slider" tabindex="0" aria-valuenow="3"></div>',
      '<div role="tablist"><button role="tab" data-target>One</button></div>',
      '<div role="menu"><div role="menuitem" tabindex="-1" data-target>Item</div></div>',
      '<div role="grid"><div role="row"><div role="gridcell" data-target>x</div></div></div>',
    ]) {
      const target = element(html);
      expect(press(target, 'ArrowLeft').defaultPrevented).toBe(false);
      expect(press(target, 'ArrowRight').defaultPrevented).toBe(false);
    }
    expect(actions.seekBy).not.toHaveBeenCalled();
    const slider = element('<div role="slider" tabindex="0"></div>');
    press(slider, ' ');
    press(slider, 'm');
    press(slider, 'ArrowRight', { [primary()]: true });
    expect(calls()).toEqual({ togglePlay: [[]], toggleMute: [[]], next: [[]] });
  });

  it('lets buttons, links and list options keep Space', () => {
    for (const html of [
      '<button>Play</button>',
      '<a href="#x">Link</a>',
      '<div role="button" tabindex="0">Fake</div>',
      '<div role="listbox"><div role="option" data-target>Row</div></div>',
      '<div role="grid"><div role="row" tabindex="0" data-target>Row</div></div>',
    ]) {
      expect(press(element(html), ' ').defaultPrevented).toBe(false);
    }
    expect(actions.togglePlay).not.toHaveBeenCalled();
  });

  it('lets checkboxes and radio buttons keep Space and their arrows', () => {
    const checkbox = element('<input type="checkbox">');
    const radio = element(
      '<div role="radiogroup"><input type="radio" name="r" data-target><input type="radio" name="r"></div>',
    );
    expect(press(checkbox, ' ').defaultPrevented).toBe(false);
    expect(press(radio, ' ').defaultPrevented).toBe(false);
    expect(press(radio, 'ArrowRight').defaultPrevented).toBe(false);
    expect(press(radio, 'ArrowLeft').defaultPrevented).toBe(false);
    expect(calls()).toEqual({});
  });

  it('ignores a key another handler already took, and stops when unbound', () => {
    const owner = element('<div></div>');
    owner.addEventListener('keydown', (event) => event.preventDefault());
    press(owner, ' ');
    unbind();
    press(document.body, ' ');
    expect(actions.togglePlay).not.toHaveBeenCalled();
    unbind = () => {};
  });
});
