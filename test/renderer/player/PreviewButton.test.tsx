import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { duckLevel } from '../../../src-renderer/features/player/preview-controller.ts';
import { PreviewButton } from '../../../src-renderer/features/player/PreviewButton.tsx';
import { run, usePlayerHarness } from './support/mount.ts';

const mount = usePlayerHarness();

function Buttons() {
  return (
    <>
      <PreviewButton id="aud_1" name="Store closing" format="wav" describedBy="help" />
      <PreviewButton id="aud_2" name="Fire drill" />
      <p id="help">Plays over the music.</p>
    </>
  );
}

const buttons = () => screen.getAllByRole('button');

describe('the preview button', () => {
  it('previews the item over the ducked music, and stops it when pressed again', () => {
    const h = mount();
    render(<Buttons />);
    const [first, second] = buttons();
    expect(first!.textContent).toBe('Preview');
    expect(first!.getAttribute('aria-pressed')).toBe('false');
    expect(first!.getAttribute('aria-describedby')).toBe('help');
    fireEvent.click(first!);
    expect(h.previewPlayer()?.lastLoad()?.source).toEqual({
      src: 'media://audio/aud_1',
      format: 'wav',
    });
    expect(h.music.duckLevel).toBe(duckLevel);
    expect(first!.textContent).toBe('Stop preview');
    expect(first!.getAttribute('aria-pressed')).toBe('true');
    // Only the item that plays shows as playing.
    expect(second!.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(first!);
    expect(first!.textContent).toBe('Preview');
    expect(first!.getAttribute('aria-pressed')).toBe('false');
    expect(h.music.duckLevel).toBe(1);
  });

  it('switches to another item, and shows the end of a preview', () => {
    const h = mount();
    render(<Buttons />);
    const [first, second] = buttons();
    fireEvent.click(first!);
    fireEvent.click(second!);
    expect(first!.getAttribute('aria-pressed')).toBe('false');
    expect(second!.getAttribute('aria-pressed')).toBe('true');
    expect(h.previewPlayer()?.lastLoad()?.source.src).toBe('media://audio/aud_2');
    run(() => h.previewPlayer()!.ended());
    expect(second!.getAttribute('aria-pressed')).toBe('false');
    expect(second!.textContent).toBe('Preview');
    expect(h.music.duckLevel).toBe(1);
  });

  it('can be disabled', () => {
    const h = mount();
    render(<PreviewButton id="aud_1" name="Store closing" disabled />);
    const button = screen.getByRole('button', { name: 'Preview' });
    expect(button.hasAttribute('disabled')).toBe(true);
    fireEvent.click(button);
    expect(h.previewPlayer()).toBeUndefined();
  });
});
