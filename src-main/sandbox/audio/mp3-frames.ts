/** MPEG audio Layer III frame headers: enough to recognise, walk and time an MP3 stream. */
export interface FrameHeader {
  version: '1' | '2' | '2.5';
  bitrateKbps: number;
  sampleRate: number;
  /** Bytes in the whole frame, header included. */
  frameLength: number;
  /** PCM samples per channel the frame decodes to. */
  samples: number;
}

const bitratesV1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const bitratesV2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const sampleRates = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

/** Parses the 4-byte header at `offset`; `undefined` unless it is a valid Layer III header. */
export function parseFrameHeader(bytes: Uint8Array, offset = 0): FrameHeader | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 3;
  if (versionBits === 1) return undefined; // reserved
  if (((b1 >> 1) & 3) !== 1) return undefined; // not Layer III
  const version = versionBits === 3 ? '1' : versionBits === 2 ? '2' : '2.5';
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  if ((b3 & 3) === 2) return undefined; // reserved emphasis
  const bitrateKbps = (version === '1' ? bitratesV1 : bitratesV2)[bitrateIndex] ?? 0;
  const sampleRate = sampleRates[version][rateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  const perFrame = version === '1' ? 144 : 72;
  return {
    version,
    bitrateKbps,
    sampleRate,
    frameLength: Math.floor((perFrame * bitrateKbps * 1000) / sampleRate) + padding,
    samples: version === '1' ? 1152 : 576,
  };
}

/** Size of an ID3v2 tag at the start of `bytes` (0 if none), from its 10-byte header. */
export function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size =
    ((bytes[6] ?? 0) & 0x7f) * 0x200000 +
    ((bytes[7] ?? 0) & 0x7f) * 0x4000 +
    ((bytes[8] ?? 0) & 0x7f) * 0x80 +
    ((bytes[9] ?? 0) & 0x7f);
  const footer = ((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

/** Splits a CBR/VBR Layer III byte stream (no tags) into frames; throws on anything else. */
export function splitFrames(bytes: Uint8Array): Array<{ offset: number; header: FrameHeader }> {
  const frames: Array<{ offset: number; header: FrameHeader }> = [];
  let offset = 0;
  while (offset < bytes.length) {
    const header = parseFrameHeader(bytes, offset);
    if (!header || offset + header.frameLength > bytes.length) {
      throw new Error(`No complete MP3 frame at byte ${offset}`);
    }
    frames.push({ offset, header });
    offset += header.frameLength;
  }
  return frames;
}
