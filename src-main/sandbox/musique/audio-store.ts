import { rm } from 'node:fs/promises';
import { isoAt } from '../clock.ts';
import { seededAnnouncements } from '../data/announcements.ts';
import { audioDuration, audioSize, type AudioRef } from '../data/library-model.ts';

export interface StoredAudioStats {
  timesPlayed: number;
  lastPlayedMs: number | null;
  totalRecipients: number;
}

export interface StoredAudio {
  id: string;
  name: string;
  description: string;
  category: string;
  size: number;
  /** Seconds. */
  duration: number;
  createdMs: number;
  source: { kind: 'seeded'; audio: AudioRef } | { kind: 'upload'; path: string };
  stats: StoredAudioStats;
}

/** The company's announcement library: the seeded items plus uploads (files on disk). */
export interface AudioStore {
  /** Newest first. */
  list(): StoredAudio[];
  get(id: string): StoredAudio | undefined;
  add(item: StoredAudio): void;
  remove(id: string): Promise<void>;
}

export function createAudioStore(seed: number): AudioStore {
  const items = new Map<string, StoredAudio>();
  for (const seeded of seededAnnouncements(seed)) {
    items.set(seeded.id, {
      id: seeded.id,
      name: seeded.name,
      description: seeded.description,
      category: seeded.category,
      size: audioSize(seeded.audio),
      duration: audioDuration(seeded.audio),
      createdMs: seeded.createdMs,
      source: { kind: 'seeded', audio: seeded.audio },
      stats: { ...seeded.stats },
    });
  }
  return {
    list: () =>
      [...items.values()].sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1)),
    get: (id) => items.get(id),
    add(item) {
      items.set(item.id, item);
    },
    async remove(id) {
      const item = items.get(id);
      items.delete(id);
      if (item?.source.kind === 'upload') await rm(item.source.path, { force: true });
    },
  };
}

export function audioMediaUrl(origin: string, id: string): string {
  return `${origin}/media/audio/${id}.mp3`;
}

export function audioJson(item: StoredAudio, origin: string): Record<string, unknown> {
  return {
    id: item.id,
    audioId: item.id,
    name: item.name,
    description: item.description,
    category: item.category,
    url: audioMediaUrl(origin, item.id),
    duration: item.duration,
    size: item.size,
    format: 'mp3',
    createdAt: isoAt(item.createdMs),
    stats: {
      timesPlayed: item.stats.timesPlayed,
      lastPlayedAt: item.stats.lastPlayedMs === null ? null : isoAt(item.stats.lastPlayedMs),
      totalRecipients: item.stats.totalRecipients,
    },
  };
}
