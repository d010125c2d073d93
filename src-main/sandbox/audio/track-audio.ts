import type { RangeSource } from '../http/range.ts';
import type { AudioRef } from '../data/library-model.ts';
import type { AudioBank } from './audio-bank.ts';
import { loopedFile } from './looped-file.ts';
import { librarySampleRate, mp3FrameBytes } from './pieces.ts';
import { pcmBytes, wavHeader } from './wav.ts';

/** The bytes behind an `AudioRef`: its piece repeated to length, as MP3 or WAV. */
export async function audioSource(bank: AudioBank, audio: AudioRef): Promise<RangeSource> {
  if (audio.format === 'mp3') {
    return loopedFile(
      Buffer.alloc(0),
      await bank.mp3(audio.piece),
      audio.units * mp3FrameBytes,
      'audio/mpeg',
    );
  }
  const dataBytes = audio.units * 2;
  const pcm = pcmBytes(await bank.pcm(audio.piece));
  return loopedFile(wavHeader(dataBytes, librarySampleRate), pcm, dataBytes, 'audio/wav');
}
