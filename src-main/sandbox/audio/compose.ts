import { createPrng, type Prng } from '../data/prng.ts';
import type { Note, Voice } from './synth.ts';

/**
 * Turns a short description of a piece (key, tempo, chord progression, which instruments play
 * in which section) into notes: pad chords, a bass line, a melody built from phrases that come
 * back (so it sounds like music rather than noise), and drums. Pieces are written as loops:
 * what rings past the end wraps to the start, so a track may repeat its piece seamlessly.
 */
export type Layer = 'pad' | 'bass' | 'lead' | 'drums';

export interface PieceSpec {
  name: string;
  seed: number;
  bpm: number;
  beatsPerBar: 3 | 4;
  /** MIDI note of the tonic. */
  root: number;
  mode: 'major' | 'minor';
  /** Scale degree (0 = tonic) of each bar's chord, cycled. */
  progression: number[];
  bars: number;
  /** Layers per 4-bar phrase, cycled. */
  sections: Layer[][];
  lead: Extract<Voice, 'bell' | 'pluck' | 'flute'>;
  /** Bossa-style bass on the "and" of beat 2. */
  syncopated?: boolean;
}

const scales = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] };

function midiOf(spec: PieceSpec, degree: number): number {
  const scale = scales[spec.mode];
  const octave = Math.floor(degree / 7);
  return spec.root + 12 * octave + (scale[((degree % 7) + 7) % 7] ?? 0);
}

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

export function pieceSeconds(spec: PieceSpec): number {
  return (spec.bars * spec.beatsPerBar * 60) / spec.bpm;
}

/** A 4-bar melody as scale-degree offsets (or null rests) on eighth notes, chord-aware. */
function phraseMelody(spec: PieceSpec, prng: Prng, chords: number[]): Array<number | null> {
  const steps = spec.beatsPerBar * 2;
  const out: Array<number | null> = [];
  let degree = (chords[0] ?? 0) + 7;
  chords.forEach((chord) => {
    for (let step = 0; step < steps; step++) {
      const strong = step % 2 === 0;
      if (!strong && prng.chance(0.55)) {
        out.push(null);
        continue;
      }
      if (step === 0) {
        // Land on a chord tone near the previous note on the downbeat.
        const tones = [chord + 7, chord + 9, chord + 11];
        degree = tones.reduce((best, tone) =>
          Math.abs(tone - degree) < Math.abs(best - degree) ? tone : best,
        );
      } else {
        degree += prng.pick([-2, -1, -1, 1, 1, 2, 0]);
        degree = Math.max(5, Math.min(14, degree));
      }
      out.push(prng.chance(0.12) && !strong ? null : degree);
    }
  });
  return out;
}

export function composeNotes(spec: PieceSpec): Note[] {
  const prng = createPrng(spec.seed);
  const beat = 60 / spec.bpm;
  const bar = beat * spec.beatsPerBar;
  const notes: Note[] = [];
  // Two phrase shapes (A and B) reused across the piece, each fitted to its own chords.
  const shapes = [prng.fork('phrase-a'), prng.fork('phrase-b')];
  for (let phraseStart = 0; phraseStart < spec.bars; phraseStart += 4) {
    const phraseIndex = phraseStart / 4;
    const layers = spec.sections[phraseIndex % spec.sections.length] ?? [];
    const chords = [0, 1, 2, 3].map(
      (i) => spec.progression[(phraseStart + i) % spec.progression.length] ?? 0,
    );
    const shape = shapes[phraseIndex % 2] ?? prng;
    const melody = layers.includes('lead')
      ? phraseMelody(spec, createPrng(Math.floor(shape.next() * 2 ** 31)), chords)
      : [];
    for (let i = 0; i < 4 && phraseStart + i < spec.bars; i++) {
      const t0 = (phraseStart + i) * bar;
      const chord = chords[i] ?? 0;
      if (layers.includes('pad')) {
        for (const offset of [0, 2, 4]) {
          notes.push({
            start: t0,
            duration: bar,
            frequency: hz(midiOf(spec, chord + offset) + 12),
            voice: 'pad',
            gain: 0.1,
          });
        }
      }
      if (layers.includes('bass')) {
        const hits = spec.beatsPerBar === 3 ? [0] : spec.syncopated ? [0, 1.5, 2, 3.5] : [0, 2];
        for (const hit of hits) {
          const degree = hit === 2 || hit === 3.5 ? chord + 4 : chord;
          notes.push({
            start: t0 + hit * beat,
            duration: beat * 0.9,
            frequency: hz(midiOf(spec, degree) - 12),
            voice: 'bass',
            gain: 0.32,
          });
        }
      }
      if (layers.includes('lead')) {
        const steps = spec.beatsPerBar * 2;
        for (let step = 0; step < steps; step++) {
          const degree = melody[i * steps + step];
          if (degree === null || degree === undefined) continue;
          notes.push({
            start: t0 + step * (beat / 2),
            duration: beat * 0.45,
            frequency: hz(midiOf(spec, degree)),
            voice: spec.lead,
            gain: 0.2,
          });
        }
      }
      if (layers.includes('drums')) {
        for (let b = 0; b < spec.beatsPerBar; b++) {
          const at = t0 + b * beat;
          if (b === 0 || (spec.beatsPerBar === 4 && b === 2))
            notes.push({ start: at, duration: 0, frequency: 0, voice: 'kick', gain: 0.55 });
          if (spec.beatsPerBar === 4 && b % 2 === 1)
            notes.push({ start: at, duration: 0, frequency: 0, voice: 'snare', gain: 0.22 });
          notes.push({ start: at, duration: 0, frequency: 0, voice: 'hat', gain: 0.16 });
          notes.push({ start: at + beat / 2, duration: 0, frequency: 0, voice: 'hat', gain: 0.1 });
        }
      }
    }
  }
  return notes.sort((a, b) => a.start - b.start);
}

/** A two-tone-and-arpeggio chime, the kind that opens a shop announcement. */
export function chimeNotes(): Note[] {
  const tones = [72, 76, 79, 84, 79];
  return tones.map((midi, i) => ({
    start: 0.1 + i * 0.42,
    duration: 0.5,
    frequency: hz(midi),
    voice: 'bell' as const,
    gain: 0.3,
  }));
}
