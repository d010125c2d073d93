import { describe, expect, it } from 'vitest';
import { duckLevel } from '../../../src-renderer/features/player/preview-controller.ts';
import { createHarness } from './support/engine-harness.ts';

const item = { id: 'aud_1', name: 'Store closing', format: 'wav' };

describe('previewing a Musique item over the music', () => {
  it('plays it on a second player and ducks the music until it ends', () => {
    const h = createHarness();
    h.engine.playIds([1]);
    h.music.playing();
    h.engine.preview(item);
    const voice = h.previewPlayer()!;
    expect(voice).toBeDefined();
    expect(voice.lastLoad()?.source).toEqual({ src: 'media://audio/aud_1', format: 'wav' });
    expect(voice.wantsPlay).toBe(true);
    expect(h.music.callsOf('duck')).toEqual([[duckLevel]]);
    expect(h.state().ducked).toBe(true);
    expect(h.state().preview).toEqual({
      id: 'aud_1',
      name: 'Store closing',
      status: 'loading',
      position: 0,
      duration: 0,
    });
    voice.ready(12);
    voice.playing();
    voice.time(3);
    expect(h.state().preview).toMatchObject({ status: 'playing', position: 3, duration: 12 });
    // The music keeps playing underneath.
    expect(h.music.wantsPlay).toBe(true);
    voice.ended();
    expect(h.music.count('unduck')).toBe(1);
    expect(h.state().ducked).toBe(false);
    expect(h.state().preview).toBeUndefined();
  });

  it('stopping it restores the music; a failed one says so by name', () => {
    const h = createHarness();
    h.engine.preview(item);
    const voice = h.previewPlayer()!;
    h.engine.stopPreview();
    expect(voice.count('stop')).toBe(1);
    expect(h.music.duckLevel).toBe(1);
    expect(h.state().preview).toBeUndefined();
    // A stopped preview no longer speaks: its late error raises no toast.
    voice.fail({ code: 2, stage: 'playback' });
    expect(h.toasts).toEqual([]);

    h.engine.preview({ id: 'aud_2', name: 'Fire drill' });
    expect(voice.lastLoad()?.source).toEqual({ src: 'media://audio/aud_2', format: 'mp3' });
    voice.fail({ code: 4, stage: 'load' });
    expect(h.music.duckLevel).toBe(1);
    expect(h.state().ducked).toBe(false);
    expect(h.toasts).toEqual([
      {
        tone: 'error',
        title: 'The preview of “Fire drill” could not be played',
        description:
          'Check the Musique connection and try again; if it keeps failing, the file may be damaged — upload it again.',
      },
    ]);
    expect(h.players.created).toHaveLength(2);
  });

  it('a second preview replaces the first and the music stays ducked once', () => {
    const h = createHarness();
    h.engine.preview(item);
    h.engine.preview({ id: 'aud_2', name: 'Fire drill' });
    expect(h.state().preview?.id).toBe('aud_2');
    expect(h.music.duckLevel).toBe(duckLevel);
    expect(h.music.count('duck') - h.music.count('unduck')).toBe(1);
    h.previewPlayer()!.ended();
    expect(h.music.duckLevel).toBe(1);
  });

  it('follows the volume but not the music’s mute, so the announcement can be checked', () => {
    const h = createHarness();
    h.engine.toggleMute();
    h.engine.preview(item);
    const voice = h.previewPlayer()!;
    expect(voice.volume).toBe(0.8);
    expect(voice.muted).toBe(false);
    h.engine.setVolume(0.4);
    expect(voice.volume).toBe(0.4);
    h.engine.toggleMute();
    expect(voice.count('setMuted')).toBe(0);
  });

  it('is taken down with the engine', () => {
    const h = createHarness();
    h.engine.preview(item);
    h.engine.dispose();
    expect(h.previewPlayer()!.disposed).toBe(true);
    expect(h.music.disposed).toBe(true);
    expect(h.state().ducked).toBe(false);
  });
});
