import { composeNotes, chimeNotes, pieceSeconds, type PieceSpec } from './compose.ts';
import type { Note } from './synth.ts';

/** Bump when the pieces or the synthesiser change, so cached encodings are not reused. */
export const audioVersion = 3;

/** Library audio format: 24 kHz mono MPEG-2 Layer III at 64 kbit/s. */
export const librarySampleRate = 24_000;
export const libraryKbps = 64;
/** At 24 kHz every MPEG-2 frame size is a whole number of bytes: no padding, so sizes are exact. */
export const mp3FrameBytes = (72 * libraryKbps * 1000) / librarySampleRate;
export const mp3FrameSamples = 576;

export interface Piece {
  name: string;
  seconds: number;
  notes(): Note[];
}

function fromSpec(spec: PieceSpec): Piece {
  return { name: spec.name, seconds: pieceSeconds(spec), notes: () => composeNotes(spec) };
}

/**
 * The music every library track is cut from. The first is long (over two minutes) so seeking
 * far into a track lands in fresh music; the others are shorter loops in other styles.
 */
export const musicPieces: readonly Piece[] = [
  fromSpec({
    name: 'sunday-market',
    seed: 11,
    bpm: 100,
    beatsPerBar: 4,
    root: 57,
    mode: 'major',
    progression: [0, 5, 3, 4, 0, 5, 1, 4],
    bars: 52,
    sections: [
      ['pad', 'bass'],
      ['pad', 'bass', 'lead'],
      ['pad', 'bass', 'lead', 'drums'],
      ['pad', 'bass', 'lead', 'drums'],
      ['pad', 'lead'],
    ],
    lead: 'bell',
  }),
  fromSpec({
    name: 'night-shift',
    seed: 23,
    bpm: 112,
    beatsPerBar: 4,
    root: 50,
    mode: 'minor',
    progression: [0, 5, 2, 6],
    bars: 16,
    sections: [
      ['pad', 'bass', 'drums'],
      ['pad', 'bass', 'lead', 'drums'],
    ],
    lead: 'pluck',
  }),
  fromSpec({
    name: 'garden-waltz',
    seed: 37,
    bpm: 150,
    beatsPerBar: 3,
    root: 55,
    mode: 'major',
    progression: [0, 3, 4, 0, 5, 1, 4, 4],
    bars: 24,
    sections: [
      ['pad', 'bass', 'lead'],
      ['pad', 'bass', 'lead', 'drums'],
    ],
    lead: 'flute',
  }),
  fromSpec({
    name: 'slow-tide',
    seed: 41,
    bpm: 72,
    beatsPerBar: 4,
    root: 52,
    mode: 'major',
    progression: [0, 3, 5, 4],
    bars: 12,
    sections: [
      ['pad', 'lead'],
      ['pad', 'bass', 'lead'],
    ],
    lead: 'bell',
    syncopated: true,
  }),
];

/** The chime that plays under the seeded Musique announcements. */
export const chimePiece: Piece = { name: 'chime', seconds: 3, notes: chimeNotes };

export const allPieces: readonly Piece[] = [...musicPieces, chimePiece];
