import { allPieces, chimePiece } from '../audio/pieces.ts';
import { audioFor, type AudioRef } from './library-model.ts';
import { alphanumeric, createPrng } from './prng.ts';

export interface SeededAnnouncement {
  id: string;
  name: string;
  description: string;
  category: string;
  createdMs: number;
  audio: AudioRef;
  stats: { timesPlayed: number; lastPlayedMs: number | null; totalRecipients: number };
}

const drafts = [
  {
    name: 'Store closing in 15 minutes',
    category: 'announcement',
    seconds: 12,
    description: 'Evening closing reminder.',
  },
  {
    name: 'Weekend two-for-one',
    category: 'promotion',
    seconds: 20,
    description: 'Saturday and Sunday offer on bakery items.',
  },
  { name: 'Fire drill – please remain calm', category: 'emergency', seconds: 9, description: '' },
  {
    name: 'Loyalty card reminder',
    category: 'announcement',
    seconds: 15,
    description: 'Ask for your Aisle card at the till.',
  },
];

/** The demo company's existing Musique library: a few announcements over the chime. */
export function seededAnnouncements(seed: number): SeededAnnouncement[] {
  const prng = createPrng(seed).fork('announcements');
  const chime = allPieces.indexOf(chimePiece);
  return drafts.map((draft, i) => {
    const createdMs = Date.UTC(2026, 1, 2 + i * 9) + prng.int(8, 17) * 3_600_000;
    const plays = i === 2 ? 0 : prng.int(3, 40);
    return {
      id: `aud_${prng.chars(12, alphanumeric)}`,
      name: draft.name,
      description: draft.description,
      category: draft.category,
      createdMs,
      audio: audioFor(chime, 'mp3', draft.seconds),
      stats: {
        timesPlayed: plays * 3,
        lastPlayedMs: plays ? createdMs + prng.int(1, 20) * 86_400_000 : null,
        totalRecipients: plays ? prng.int(40, 1200) : 0,
      },
    };
  });
}
