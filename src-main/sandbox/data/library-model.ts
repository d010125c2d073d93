import { libraryKbps, librarySampleRate, mp3FrameBytes, mp3FrameSamples } from '../audio/pieces.ts';

/** Where a track's bytes come from: a piece, repeated for `units` MP3 frames or WAV samples. */
export interface AudioRef {
  piece: number;
  format: 'mp3' | 'wav';
  units: number;
}

export interface TrackRecord {
  id: number;
  title: string;
  artist: string;
  albumTitle: string;
  albumId: string;
  trackNumber?: number;
  discNumber?: number;
  genre: string | null;
  year?: number;
  uploadedMs: number;
  hasArtwork: boolean;
  audio: AudioRef;
}

export interface AlbumRecord {
  id: string;
  title: string;
  artist: string;
  year?: number;
  hasArtwork: boolean;
  /** In disc, then track order. */
  trackIds: number[];
}

export interface PlaylistRecord {
  id: string;
  name: string;
  description: string;
  trackIds: number[];
  updatedMs: number;
}

export const wavHeaderBytes = 44;

export function audioSize(audio: AudioRef): number {
  return audio.format === 'mp3' ? audio.units * mp3FrameBytes : wavHeaderBytes + audio.units * 2;
}

/** Seconds, exact to the millisecond (an MP3 frame here lasts exactly 24 ms). */
export function audioDuration(audio: AudioRef): number {
  const samples = audio.format === 'mp3' ? audio.units * mp3FrameSamples : audio.units;
  return Math.round((samples * 1000) / librarySampleRate) / 1000;
}

/** An `AudioRef` lasting about `seconds`. */
export function audioFor(piece: number, format: 'mp3' | 'wav', seconds: number): AudioRef {
  const samples = Math.round(seconds * librarySampleRate);
  return {
    piece,
    format,
    units: format === 'mp3' ? Math.max(1, Math.round(samples / mp3FrameSamples)) : samples,
  };
}

export const libraryBitrateKbps = libraryKbps;
