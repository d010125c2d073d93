import { describe, expect, it } from 'vitest';
import { createAudioBank } from '../../../src-main/sandbox/audio/audio-bank.ts';
import { composeNotes, type PieceSpec } from '../../../src-main/sandbox/audio/compose.ts';
import { splitFrames } from '../../../src-main/sandbox/audio/mp3-frames.ts';
import { createMp3Inspector } from '../../../src-main/sandbox/audio/mp3-inspector.ts';
import { allPieces, mp3FrameBytes, musicPieces } from '../../../src-main/sandbox/audio/pieces.ts';
import {
  defaultAudioCacheDir,
  generateMp3,
  generateWav,
  inspectMp3,
} from '../../../src-main/sandbox/index.ts';

describe('generateMp3 / generateWav', () => {
  it('makes real, distinct, reproducible MP3s of the requested length', async () => {
    const started = performance.now();
    const a = await generateMp3({ seconds: 5, seed: 1 });
    console.info(
      `[sandbox] encoded a 5 s MP3 fixture in ${(performance.now() - started).toFixed(0)} ms`,
    );
    const again = await generateMp3({ seconds: 5, seed: 1 });
    const b = await generateMp3({ seconds: 5, seed: 2 });
    expect(a.equals(again)).toBe(true);
    expect(a.equals(b)).toBe(false);
    for (const mp3 of [a, b]) {
      const frames = splitFrames(mp3);
      expect(
        frames.every(
          (frame) => frame.header.bitrateKbps === 128 && frame.header.sampleRate === 24000,
        ),
      ).toBe(true);
      expect(inspectMp3(mp3)!.durationSec).toBeCloseTo(5, 1);
    }
  });

  it('makes a ~10 MB MP3 quickly by repeating one encoded loop', async () => {
    const started = performance.now();
    const big = await generateMp3({ seconds: 655, seed: 9, kbps: 128 });
    const ms = performance.now() - started;
    console.info(`[sandbox] generated a ${big.length}-byte MP3 in ${ms.toFixed(0)} ms`);
    expect(big.length).toBeGreaterThan(10_000_000);
    expect(big.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(inspectMp3(big)!.durationSec).toBeCloseTo(655, 1);
  });

  it('supports MPEG-1 rates and refuses impossible settings', async () => {
    const mp3 = await generateMp3({ seconds: 1, seed: 3, sampleRate: 44100, kbps: 192 });
    expect(splitFrames(mp3)[0]!.header).toMatchObject({
      version: '1',
      sampleRate: 44100,
      bitrateKbps: 192,
    });
    await expect(generateMp3({ seconds: 0 })).rejects.toThrow(RangeError);
    await expect(generateMp3({ seconds: 1, kbps: 192, sampleRate: 24000 })).rejects.toThrow(
      /not a valid MP3 bit rate/,
    );
    await expect(generateWav({ seconds: 1, sampleRate: 12345 as never })).rejects.toThrow(
      /Unsupported sample rate/,
    );
  });

  it('makes WAVs with a correct header, which are not MP3', async () => {
    const wav = await generateWav({ seconds: 2, seed: 4, sampleRate: 22050 });
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt32LE(24)).toBe(22050);
    expect(wav.readUInt32LE(40)).toBe(22050 * 2 * 2);
    expect(wav.length).toBe(44 + 22050 * 2 * 2);
    expect(inspectMp3(wav)).toBeUndefined();
  });
});

describe('MP3 sniffing', () => {
  it('reaches the same facts however the bytes are chunked', async () => {
    const mp3 = await generateMp3({ seconds: 3, seed: 5 });
    const whole = inspectMp3(mp3)!;
    const inspector = createMp3Inspector();
    let offset = 0;
    let size = 1;
    while (offset < mp3.length) {
      inspector.write(mp3.subarray(offset, offset + size));
      offset += size;
      size = (size * 7) % 997 || 3;
    }
    expect(inspector.end()).toBe('mp3');
    expect(inspector.facts()).toEqual(whole);
  });

  it('refuses text, WAV, truncated tags and lone sync bytes', async () => {
    const wav = await generateWav({ seconds: 1 });
    const samples = [
      Buffer.from('hello world'),
      wav,
      Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0x7f, 0x7f])]),
      Buffer.from([0xff, 0xfb, 0x90, 0x00, 1, 2, 3]),
      Buffer.alloc(0),
    ];
    for (const bytes of samples) expect(inspectMp3(bytes)).toBeUndefined();
  });
});

describe('library pieces', () => {
  it('are real music: several voices, many pitches, one longer than two minutes', () => {
    expect(musicPieces.some((piece) => piece.seconds >= 120)).toBe(true);
    for (const piece of musicPieces) {
      const notes = piece.notes();
      expect(new Set(notes.map((note) => note.voice)).size).toBeGreaterThanOrEqual(3);
      expect(
        new Set(
          notes.filter((note) => note.frequency > 0).map((note) => Math.round(note.frequency)),
        ).size,
      ).toBeGreaterThan(8);
    }
    const spec: PieceSpec = {
      name: 't',
      seed: 1,
      bpm: 120,
      beatsPerBar: 4,
      root: 60,
      mode: 'major',
      progression: [0, 4],
      bars: 4,
      sections: [['pad']],
      lead: 'bell',
    };
    const chords = composeNotes(spec).filter((note) => note.start === 0);
    expect(chords).toHaveLength(3); // a triad, not a lone sine
  });

  it('encode to constant-size frames, so every track size is exact, and are distinct', async () => {
    // Through the shared on-disk cache: the first run on a machine encodes, later runs verify the files.
    const bank = createAudioBank({
      cacheDir: defaultAudioCacheDir,
      signal: new AbortController().signal,
    });
    const encodings: Buffer[] = [];
    const started = performance.now();
    for (let index = 0; index < allPieces.length; index++) {
      const mp3 = await bank.mp3(index);
      expect(splitFrames(mp3).every((frame) => frame.header.frameLength === mp3FrameBytes)).toBe(
        true,
      );
      const pcm = await bank.pcm(index);
      let energy = 0;
      for (const sample of pcm) energy += sample * sample;
      expect(Math.sqrt(energy / pcm.length)).toBeGreaterThan(1000); // audible, not silence
      encodings.push(mp3);
    }
    const seconds = allPieces.reduce((sum, piece) => sum + piece.seconds, 0);
    console.info(
      `[sandbox] encoded all pieces (${seconds.toFixed(0)} s of audio) in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(new Set(encodings.map((mp3) => mp3.subarray(0, 4096).toString('hex'))).size).toBe(
      encodings.length,
    );
  }, 60_000);
});
