import { timeSlicer } from './time-slices.ts';

/**
 * A tiny additive synthesiser: wavetable voices with envelopes plus three noise/sweep drums.
 * It renders a list of notes into mono 16-bit PCM, cheaply enough to run at start-up, and in
 * slices that give the event loop back so an in-process sandbox never stalls the app.
 */
export type Voice = 'pad' | 'bass' | 'bell' | 'pluck' | 'flute' | 'kick' | 'snare' | 'hat';

export interface Note {
  /** Seconds from the start of the piece. */
  start: number;
  duration: number;
  /** Hz; ignored by the drums. */
  frequency: number;
  voice: Voice;
  gain: number;
}

interface Timbre {
  harmonics: number[];
  attack: number;
  /** Exponential decay time constant in seconds (Infinity = sustain). */
  decay: number;
  release: number;
}

const timbres: Record<Exclude<Voice, 'kick' | 'snare' | 'hat'>, Timbre> = {
  pad: { harmonics: [1, 0.45, 0.28, 0.18, 0.12, 0.08], attack: 0.35, decay: 6, release: 0.45 },
  bass: { harmonics: [1, 0.35, 0.12], attack: 0.006, decay: 0.45, release: 0.08 },
  bell: { harmonics: [1, 0.5, 0.22, 0.14, 0.08], attack: 0.004, decay: 0.7, release: 0.2 },
  pluck: { harmonics: [1, 0.6, 0.4, 0.25, 0.15, 0.1], attack: 0.003, decay: 0.28, release: 0.1 },
  flute: { harmonics: [1, 0.12, 0.22, 0.05], attack: 0.06, decay: Infinity, release: 0.12 },
};

const tableSize = 2048;
const tables = new Map<string, Float32Array>();

function wavetable(harmonics: number[]): Float32Array {
  const key = harmonics.join(',');
  const cached = tables.get(key);
  if (cached) return cached;
  // One extra guard sample so interpolation never wraps.
  const table = new Float32Array(tableSize + 1);
  for (let i = 0; i <= tableSize; i++) {
    let value = 0;
    harmonics.forEach((amplitude, h) => {
      value += amplitude * Math.sin((2 * Math.PI * (h + 1) * i) / tableSize);
    });
    table[i] = value;
  }
  tables.set(key, table);
  return table;
}

/** Deterministic white noise for the drums (a tiny LCG; quality is irrelevant here). */
function noiseSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2147483648 - 1;
  };
}

/** Adds one note into `mix`; samples past the end wrap to the start so loops join seamlessly. */
function renderNote(mix: Float32Array, note: Note, sampleRate: number, noise: () => number): void {
  const total = mix.length;
  const first = Math.round(note.start * sampleRate);
  if (note.voice === 'kick' || note.voice === 'snare' || note.voice === 'hat') {
    const length = Math.round(
      (note.voice === 'kick' ? 0.35 : note.voice === 'snare' ? 0.22 : 0.06) * sampleRate,
    );
    let phase = 0;
    let previous = 0;
    for (let n = 0; n < length; n++) {
      const t = n / sampleRate;
      let value: number;
      if (note.voice === 'kick') {
        phase += (2 * Math.PI * (45 + 70 * Math.exp(-t / 0.04))) / sampleRate;
        value = Math.sin(phase) * Math.exp(-t / 0.16);
      } else if (note.voice === 'snare') {
        phase += (2 * Math.PI * 190) / sampleRate;
        value = 0.7 * noise() * Math.exp(-t / 0.07) + 0.4 * Math.sin(phase) * Math.exp(-t / 0.05);
      } else {
        const white = noise();
        value = (white - previous) * 0.5 * Math.exp(-t / 0.018); // first difference: a crude high-pass
        previous = white;
      }
      const index = (first + n) % total;
      mix[index] = (mix[index] ?? 0) + value * note.gain;
    }
    return;
  }
  const timbre = timbres[note.voice];
  const table = wavetable(timbre.harmonics);
  const held = Math.round(note.duration * sampleRate);
  const length = held + Math.round(timbre.release * sampleRate);
  const step = (note.frequency * tableSize) / sampleRate;
  const attack = Math.max(1, Math.round(timbre.attack * sampleRate));
  const decayPerSample = Number.isFinite(timbre.decay)
    ? Math.exp(-1 / (timbre.decay * sampleRate))
    : 1;
  const releaseSamples = length - held;
  let phase = 0;
  let level = 1;
  for (let n = 0; n < length; n++) {
    let envelope = n < attack ? n / attack : level;
    if (n >= attack) level *= decayPerSample;
    if (n >= held) envelope *= 1 - (n - held) / releaseSamples;
    const i = phase | 0;
    const frac = phase - i;
    const a = table[i] ?? 0;
    const b = table[i + 1] ?? 0;
    const index = (first + n) % total;
    mix[index] = (mix[index] ?? 0) + (a + (b - a) * frac) * envelope * note.gain;
    phase += step;
    if (phase >= tableSize) phase -= tableSize;
  }
}

/**
 * Renders `notes` into exactly `seconds` of PCM, normalised to a comfortable peak. Gives the
 * event loop back every few milliseconds.
 */
export async function renderPcm(
  notes: readonly Note[],
  seconds: number,
  sampleRate: number,
  seed: number,
  signal?: AbortSignal,
): Promise<Int16Array> {
  const mix = new Float32Array(Math.round(seconds * sampleRate));
  const noise = noiseSource(seed);
  const pause = timeSlicer(signal);
  for (const note of notes) {
    renderNote(mix, note, sampleRate, noise);
    await pause();
  }
  // Normalising millions of samples is itself a long job: in blocks, with pauses.
  const block = 48_000;
  let peak = 0;
  for (let start = 0; start < mix.length; start += block) {
    const end = Math.min(mix.length, start + block);
    for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(mix[i] ?? 0));
    await pause();
  }
  const scale = peak > 0 ? (0.89 * 32767) / peak : 0;
  const pcm = new Int16Array(mix.length);
  for (let start = 0; start < mix.length; start += block) {
    const end = Math.min(mix.length, start + block);
    for (let i = start; i < end; i++) pcm[i] = Math.round((mix[i] ?? 0) * scale);
    await pause();
  }
  return pcm;
}
