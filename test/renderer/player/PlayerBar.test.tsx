import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PlayerBar } from '../../../src-renderer/features/player/PlayerBar.tsx';
import { problem, settle } from './support/engine-harness.ts';
import { run, usePlayerHarness } from './support/mount.ts';

const mount = usePlayerHarness();

const button = (name: string | RegExp) => screen.getByRole('button', { name });
const seekSlider = () => screen.getByRole('slider', { name: 'Position' });
const volumeSlider = () => screen.getByRole('slider', { name: 'Volume' });
const notice = () => screen.getByTestId('playback-notice');

describe('the player bar', () => {
  it('says nothing is playing and offers no transport while the queue is empty', () => {
    mount();
    render(<PlayerBar />);
    expect(screen.getByText('Nothing playing')).toBeTruthy();
    expect(screen.getByText('Pick a track in your library to start the music.')).toBeTruthy();
    for (const name of ['Play', 'Previous track', 'Next track']) {
      expect(button(name).hasAttribute('disabled')).toBe(true);
    }
    expect(seekSlider().closest('[data-disabled]')).not.toBeNull();
    expect(notice().textContent).toBe('');
  });

  it('shows what plays, and Play/Pause follows the engine', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => h.engine.playIds([2, 3]));
    expect(screen.getByTestId('now-playing-title').textContent).toBe('Song 2');
    expect(screen.getByText('Artist 2 — Album 2')).toBeTruthy();
    expect(screen.getByText('Now playing: Song 2 by Artist 2')).toBeTruthy();
    // Asked to play: Pause is offered at once, with a spinner until sound comes.
    expect(button('Pause').querySelector('.spin')).not.toBeNull();
    run(() => h.music.playing());
    expect(button('Pause').querySelector('.spin')).toBeNull();
    fireEvent.click(button('Pause'));
    expect(h.music.wantsPlay).toBe(false);
    expect(button('Play')).toBeTruthy();
    fireEvent.click(button('Play'));
    expect(h.music.wantsPlay).toBe(true);
    fireEvent.click(button('Next track'));
    expect(screen.getByTestId('now-playing-title').textContent).toBe('Song 3');
    expect(button('Queue').textContent).toBe('2');
  });

  it('the seek slider reads “1:23 of 4:56”, shows elapsed and remaining, and seeks by keyboard', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => {
      h.engine.playIds([1]);
      h.music.ready(296);
      h.music.playing();
      h.music.time(83);
    });
    expect(seekSlider().getAttribute('aria-valuetext')).toBe('1:23 of 4:56');
    expect(screen.getByText('1:23')).toBeTruthy();
    expect(screen.getByText('−3:33')).toBeTruthy();
    run(() => h.music.time(80));
    fireEvent.keyDown(seekSlider(), { key: 'ArrowRight' });
    expect(h.music.callsOf('seek').at(-1)).toEqual([85]);
    expect(seekSlider().getAttribute('aria-valuetext')).toBe('1:25 of 4:56');
    fireEvent.keyDown(seekSlider(), { key: 'ArrowLeft' });
    expect(h.music.callsOf('seek').at(-1)).toEqual([80]);
    fireEvent.keyDown(seekSlider(), { key: 'Home' });
    expect(h.music.callsOf('seek').at(-1)).toEqual([0]);
    expect(seekSlider().getAttribute('aria-valuetext')).toBe('0:00 of 4:56');
  });

  it('an unknown duration reads as “–” and the slider waits', () => {
    const h = mount({ tracks: new Map() });
    render(<PlayerBar />);
    run(() => h.engine.playIds([1]));
    expect(seekSlider().getAttribute('aria-valuetext')).toBe('0:00 of –');
    expect(seekSlider().closest('[data-disabled]')).not.toBeNull();
  });

  it('draws the buffered ranges under the seek track', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => {
      h.engine.playIds([1]);
      h.music.ready(300);
      h.music.buffered([
        [0, 60],
        [150, 225],
      ]);
    });
    const ranges = screen
      .getAllByTestId('seek-buffered')
      .map((el) => [el.style.left, el.style.width]);
    expect(ranges).toEqual([
      ['0%', '20%'],
      ['50%', '25%'],
    ]);
    run(() => h.music.buffered([[0, 400]]));
    expect(screen.getAllByTestId('seek-buffered').map((el) => el.style.width)).toEqual(['100%']);
  });

  it('sets the volume with its slider and mutes with its button', () => {
    const h = mount();
    render(<PlayerBar />);
    expect(volumeSlider().getAttribute('aria-valuetext')).toBe('80 %');
    fireEvent.keyDown(volumeSlider(), { key: 'ArrowLeft' });
    expect(h.music.volume).toBe(0.75);
    expect(volumeSlider().getAttribute('aria-valuetext')).toBe('75 %');
    const mute = button('Mute');
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(mute);
    expect(h.music.muted).toBe(true);
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    expect(mute.getAttribute('title')).toBe('Unmute');
    expect(volumeSlider().getAttribute('aria-valuetext')).toBe('0 %');
    // Moving the volume up unmutes.
    fireEvent.keyDown(volumeSlider(), { key: 'ArrowRight' });
    expect(h.music.muted).toBe(false);
    expect(mute.getAttribute('aria-pressed')).toBe('false');
  });

  it('shuffle and repeat show their state as pressed', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => h.engine.playIds([1, 2, 3]));
    const shuffle = button('Shuffle');
    expect(shuffle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(shuffle);
    expect(shuffle.getAttribute('aria-pressed')).toBe('true');
    expect(h.state().queue.shuffle).toBe(true);
    const states = [];
    for (let i = 0; i < 4; i++) {
      const repeat = button(/^Repeat:/);
      states.push([repeat.getAttribute('aria-label'), repeat.getAttribute('aria-pressed')]);
      fireEvent.click(repeat);
    }
    expect(states).toEqual([
      ['Repeat: off', 'false'],
      ['Repeat: all', 'true'],
      ['Repeat: this track', 'true'],
      ['Repeat: off', 'false'],
    ]);
  });
});

describe('the notice line', () => {
  it('shows buffering only while sound is wanted', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => {
      h.engine.playIds([1]);
      h.music.playing();
      h.music.buffering(true);
    });
    expect(notice().textContent).toBe('Buffering…');
    fireEvent.click(button('Pause'));
    expect(notice().textContent).toBe('');
  });

  it('says it waits for the network, and Try again asks at once', async () => {
    const h = mount({ check: () => problem('network', 'Queye Music is out of reach.') });
    render(<PlayerBar />);
    run(() => {
      h.engine.playIds([1]);
      h.music.playing();
      h.music.fail();
    });
    await act(settle);
    expect(
      within(notice()).getByText(/Queye Music is out of reach\. Playback resumes/),
    ).toBeTruthy();
    expect(button('Pause')).toBeTruthy();
    fireEvent.click(within(notice()).getByRole('button', { name: 'Try again' }));
    await act(settle);
    expect(h.checkTrack).toHaveBeenCalledTimes(2);
  });

  it('shows why playback stopped, with the reference to quote', async () => {
    const h = mount({
      check: () => problem('not-found', 'The track is gone.', { requestId: 'req_77' }),
    });
    render(<PlayerBar />);
    run(() => h.engine.playIds([1, 2, 3, 4]));
    for (let i = 0; i < 3; i++) {
      run(() => h.music.fail());
      await act(settle);
    }
    expect(notice().textContent).toContain('3 tracks in a row could not be played');
    expect(notice().textContent).toContain('press Play to try again');
    expect(within(notice()).getByText('req_77').tagName).toBe('CODE');
    expect(button('Play')).toBeTruthy();
  });

  it('shows a preview over the music, with a way to stop it', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => h.engine.preview({ id: 'aud_1', name: 'Store closing' }));
    expect(notice().textContent).toContain('Previewing “Store closing” — the music is lowered');
    fireEvent.click(within(notice()).getByRole('button', { name: 'Stop preview' }));
    expect(notice().textContent).toBe('');
    expect(h.music.duckLevel).toBe(1);
  });
});

describe('the queue button', () => {
  it('opens the queue panel; Escape closes it and gives focus back', () => {
    const h = mount();
    render(<PlayerBar />);
    run(() => h.engine.playIds([1, 2, 3]));
    const toggle = button('Queue');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('complementary', { name: 'Queue' });
    fireEvent.keyDown(within(panel).getByRole('listbox'), { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: 'Queue' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });
});
