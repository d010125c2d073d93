/**
 * Decides from a staged file's content — never its name — whether Musique will take it: MP3
 * (MPEG Layer III) of at most 10 MB. Two steps: a strict look at the first bytes (an optional
 * ID3v2 tag, then two consecutive valid Layer III frame headers, as the service itself checks),
 * then music-metadata reads duration, bit rate and tags, proving the audio is readable.
 */
import { open } from 'node:fs/promises';
import type { parseFile } from 'music-metadata';
import {
  maxUploadBytes,
  type FileCheck,
} from '../../../../src-preload/contract/schemas/musique.ts';

/** Audio must start this close after the tag (encoders leave a little padding). */
const maxLeadingJunk = 4096;
const bitratesV1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const bitratesV2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const sampleRates: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

interface FrameHeader {
  version: number;
  sampleRate: number;
  length: number;
}

/** A Layer III frame header at `at`, or undefined. */
export function frameHeaderAt(bytes: Uint8Array, at: number): FrameHeader | undefined {
  if (at + 4 > bytes.length) return undefined;
  const [b0, b1, b2] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  if (version === 1 || layer !== 1) return undefined;
  const bitrate = (version === 3 ? bitratesV1 : bitratesV2)[b2 >> 4];
  const sampleRate = sampleRates[version]?.[(b2 >> 2) & 3];
  if (!bitrate || !sampleRate) return undefined;
  const padding = (b2 >> 1) & 1;
  const length = Math.floor(((version === 3 ? 144 : 72) * bitrate * 1000) / sampleRate) + padding;
  return { version, sampleRate, length };
}

/** Size of a leading ID3v2 tag (header and footer included), 0 without one. */
export function id3Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size =
    ((bytes[6]! & 0x7f) << 21) |
    ((bytes[7]! & 0x7f) << 14) |
    ((bytes[8]! & 0x7f) << 7) |
    (bytes[9]! & 0x7f);
  const footer = bytes[5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** Whether two consecutive frames of one stream start within the first bytes after the tag. */
export function startsLikeMp3(bytes: Uint8Array): boolean {
  for (let at = 0; at <= maxLeadingJunk && at + 4 <= bytes.length; at++) {
    const first = frameHeaderAt(bytes, at);
    if (!first) continue;
    const next = frameHeaderAt(bytes, at + first.length);
    if (next && next.version === first.version && next.sampleRate === first.sampleRate) return true;
  }
  return false;
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** What a non-MP3 file is, for the message ("this is a WAV file"), when it is recognisable. */
export function recogniseOther(head: Uint8Array, hasTag: boolean): string | undefined {
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return 'WAV';
  if (ascii(head, 0, 4) === 'OggS') return 'Ogg';
  if (ascii(head, 0, 4) === 'fLaC') return 'FLAC';
  if (ascii(head, 4, 8) === 'ftyp') return 'MP4/M4A';
  if (ascii(head, 0, 4) === 'FORM' && ascii(head, 8, 12).startsWith('AIF')) return 'AIFF';
  if (head[0] === 0xff && (head[1]! & 0xf6) === 0xf0) return 'AAC';
  if (hasTag) return 'ID3-tagged non-MP3';
  return undefined;
}

async function readRange(path: string, start: number, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const baseName = (fileName: string) => fileName.replace(/\.[^.]*$/, '').trim();

function rejected(
  size: number,
  reason: Extract<FileCheck, { ok: false }>['reason'],
  message: string,
  detected?: string,
): FileCheck {
  return { ok: false, size, reason, message, ...(detected ? { detected } : {}) };
}

/** The verdict the size alone gives (empty, over 10 MB), before a byte is read. */
export function sizeVerdict(size: number): FileCheck | undefined {
  if (size === 0) return rejected(0, 'empty', 'The file is empty (0 bytes).');
  if (size > maxUploadBytes) {
    return rejected(
      size,
      'too_large',
      `The file is ${size.toLocaleString('en')} bytes; Musique takes at most 10 MB (${maxUploadBytes.toLocaleString('en')} bytes).`,
    );
  }
  return undefined;
}

export async function checkMp3(path: string, size: number, fileName: string): Promise<FileCheck> {
  const bySize = sizeVerdict(size);
  if (bySize) return bySize;
  const head = await readRange(path, 0, 16);
  const tag = id3Length(head);
  const window = await readRange(path, tag, maxLeadingJunk + 2 * 1441 + 4);
  if (!startsLikeMp3(window)) {
    const other = recogniseOther(tag ? window : head, tag > 0);
    return rejected(
      size,
      'not_mp3',
      other
        ? `This is ${other === 'AAC' || other === 'AIFF' ? 'an' : 'a'} ${other} file, not MP3 (checked by its content, not its name). Musique only takes MP3.`
        : 'This file is not MP3 audio (checked by its content, not its name). Musique only takes MP3.',
      other,
    );
  }
  let metadata: Awaited<ReturnType<typeof parseFile>>;
  try {
    // Loaded on the first check: the parser is large, and most sessions never upload.
    const { parseFile: parse } = await import('music-metadata');
    metadata = await parse(path, { duration: true, skipCovers: true });
  } catch {
    return rejected(
      size,
      'unreadable',
      'The file starts like MP3, but its audio could not be read.',
    );
  }
  const { format, common } = metadata;
  const layer3 = format.container === 'MPEG' && /layer 3/i.test(format.codec ?? '');
  if (!layer3 || !format.duration || format.duration <= 0) {
    return rejected(
      size,
      'unreadable',
      'The file starts like MP3, but no playable MP3 audio was found in it.',
    );
  }
  const title = common.title?.trim();
  const artist = common.artist?.trim();
  const suggested = (title || baseName(fileName) || 'Untitled').slice(0, 200);
  return {
    ok: true,
    size,
    durationSec: Math.round(format.duration * 1000) / 1000,
    bitrateKbps: Math.round((format.bitrate ?? (size * 8) / format.duration) / 1000),
    suggestedName: suggested,
    ...(format.sampleRate ? { sampleRate: format.sampleRate } : {}),
    ...(format.numberOfChannels ? { channels: format.numberOfChannels } : {}),
    ...(title ? { title } : {}),
    ...(artist ? { artist } : {}),
  };
}
