import { createPrng } from '../data/prng.ts';
import { composeNotes, pieceSeconds, type PieceSpec } from './compose.ts';
import { splitFrames } from './mp3-frames.ts';
import { createMp3Inspector, type Mp3Facts } from './mp3-inspector.ts';
import { encodeMp3 } from './mp3-encoder.ts';
import { renderPcm } from './synth.ts';
import { pcmBytes, wavHeader } from './wav.ts';

export interface GenerateAudioOptions {
  /** Length of the audio. */
  seconds: number;
  /** Different seeds give different music (key, tempo, chords, instruments). Default 1. */
  seed?: number;
  /** MP3 bit rate. Default 128. */
  kbps?: number;
  /** Default 24000 (every MPEG-2 frame the same size). */
  sampleRate?: 16000 | 22050 | 24000 | 32000 | 44100 | 48000;
}

const bitratesMpeg1 = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const bitratesMpeg2 = [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const sampleRates = [16000, 22050, 24000, 32000, 44100, 48000];

function specFor(seed: number): PieceSpec {
  const prng = createPrng(seed);
  return {
    name: `fixture-${seed}`,
    seed,
    bpm: prng.int(84, 128),
    beatsPerBar: prng.chance(0.25) ? 3 : 4,
    root: prng.int(48, 60),
    mode: prng.chance(0.5) ? 'major' : 'minor',
    progression: prng.pick([
      [0, 5, 3, 4],
      [0, 3, 4, 4],
      [0, 4, 5, 3],
      [1, 4, 0, 0],
    ]),
    bars: 8,
    sections: [['pad', 'bass', 'lead', 'drums']],
    lead: prng.pick(['bell', 'pluck', 'flute'] as const),
  };
}

function checkOptions(options: GenerateAudioOptions): { seed: number; sampleRate: number } {
  const { seconds } = options;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new RangeError('seconds must be more than 0 and at most 3600');
  }
  const sampleRate = options.sampleRate ?? 24_000;
  if (!sampleRates.includes(sampleRate))
    throw new RangeError(`Unsupported sample rate ${sampleRate}`);
  return { seed: options.seed ?? 1, sampleRate };
}

/** Real, playable music as PCM: a seeded 8-bar piece, repeated to length. */
async function music(
  seconds: number,
  seed: number,
  sampleRate: number,
  maxSeconds: number,
): Promise<Int16Array> {
  const spec = specFor(seed);
  const loop = await renderPcm(composeNotes(spec), pieceSeconds(spec), sampleRate, seed);
  const wanted = Math.round(Math.min(seconds, maxSeconds) * sampleRate);
  if (wanted <= loop.length) return loop.slice(0, wanted);
  const out = new Int16Array(wanted);
  for (let offset = 0; offset < wanted; offset += loop.length)
    out.set(loop.subarray(0, wanted - offset), offset);
  return out;
}

/**
 * A real MP3 (CBR, mono) of `seconds` of music. Only one loop of the piece is encoded; longer
 * files repeat its frames (each loop starts with a self-contained frame, so the stream stays
 * valid), which makes a 10 MB fixture take well under a second.
 */
export async function generateMp3(options: GenerateAudioOptions): Promise<Buffer> {
  const { seed, sampleRate } = checkOptions(options);
  const kbps = options.kbps ?? 128;
  if (!(sampleRate >= 32000 ? bitratesMpeg1 : bitratesMpeg2).includes(kbps)) {
    throw new RangeError(`${kbps} kbit/s is not a valid MP3 bit rate at ${sampleRate} Hz`);
  }
  const spec = specFor(seed);
  const pcm = await music(options.seconds, seed, sampleRate, pieceSeconds(spec));
  const loop = await encodeMp3(pcm, { sampleRate, kbps });
  const samplesPerFrame = sampleRate >= 32000 ? 1152 : 576;
  const wantedFrames = Math.max(1, Math.round((options.seconds * sampleRate) / samplesPerFrame));
  const frames = splitFrames(loop);
  if (frames.length >= wantedFrames) {
    const last = frames[wantedFrames - 1];
    return last ? loop.subarray(0, last.offset + last.header.frameLength) : loop;
  }
  const parts: Buffer[] = [];
  for (let i = 0; i < wantedFrames; i++) {
    const frame = frames[i % frames.length];
    if (frame) parts.push(loop.subarray(frame.offset, frame.offset + frame.header.frameLength));
  }
  return Buffer.concat(parts);
}

/** A real 16-bit mono WAV of `seconds` of music. */
export async function generateWav(options: GenerateAudioOptions): Promise<Buffer> {
  const { seed, sampleRate } = checkOptions(options);
  const pcm = await music(options.seconds, seed, sampleRate, options.seconds);
  return Buffer.concat([wavHeader(pcm.byteLength, sampleRate), pcmBytes(pcm)]);
}

/** What an MP3 holds (frames, duration, bit rate), or `undefined` if the bytes are not MP3. */
export function inspectMp3(bytes: Buffer): Mp3Facts | undefined {
  const inspector = createMp3Inspector();
  inspector.write(bytes);
  return inspector.end() === 'mp3' ? inspector.facts() : undefined;
}
