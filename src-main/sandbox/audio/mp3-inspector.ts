import { id3v2Length, parseFrameHeader, type FrameHeader } from './mp3-frames.ts';

export type Mp3Verdict = 'undecided' | 'mp3' | 'not_mp3';

export interface Mp3Facts {
  frames: number;
  durationSec: number;
  sampleRate: number;
  /** Average over the whole stream. */
  bitrateKbps: number;
}

export interface Mp3Inspector {
  /** Feeds the next bytes; the verdict is final once it leaves `undecided`. */
  write(chunk: Buffer): Mp3Verdict;
  /** No more bytes: decides for good. */
  end(): Mp3Verdict;
  facts(): Mp3Facts;
}

/** Audio must start within this many bytes after the tag (encoders leave a little junk). */
const maxLeadingJunk = 4096;
/** How much audio is held back while deciding (the only bytes ever buffered). */
const probeBytes = 16 * 1024;

/**
 * Decides from content, never the file name, whether a byte stream is MP3 (MPEG Layer III), as
 * it streams past: an optional ID3v2 tag, then two consecutive valid frame headers near the
 * start. Once confirmed it walks frame to frame (skipping junk such as a trailing ID3v1 tag) to
 * time the audio, holding only a few bytes at a time — a 10 MB upload is never kept in memory.
 */
export function createMp3Inspector(): Mp3Inspector {
  let verdict: Mp3Verdict = 'undecided';
  let head = Buffer.alloc(0); // the first bytes until the tag (if any) is known
  let tagKnown = false;
  let tagRemaining = 0;
  let probe = Buffer.alloc(0);
  let first: FrameHeader | undefined;
  let skip = 0;
  let carry = Buffer.alloc(0);
  let frames = 0;
  let samples = 0;
  let audioBytes = 0;

  const sameStream = (h: FrameHeader) =>
    !first || (h.version === first.version && h.sampleRate === first.sampleRate);

  function walk(chunk: Buffer): void {
    let data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    if (skip >= data.length) {
      skip -= data.length;
      return;
    }
    let i = skip;
    skip = 0;
    while (i + 4 <= data.length) {
      const header = parseFrameHeader(data, i);
      if (header && sameStream(header)) {
        frames++;
        samples += header.samples;
        audioBytes += header.frameLength;
        const end = i + header.frameLength;
        if (end > data.length) {
          skip = end - data.length;
          return;
        }
        i = end;
      } else {
        i++;
      }
    }
    data = data.subarray(i);
    carry = Buffer.from(data);
  }

  /** Looks for a frame followed by another; `final` accepts a lone frame ending the stream. */
  function findStart(final: boolean): number | undefined {
    const limit = Math.min(maxLeadingJunk, probe.length - 4);
    for (let offset = 0; offset <= limit; offset++) {
      const header = parseFrameHeader(probe, offset);
      if (!header) continue;
      const next = offset + header.frameLength;
      const follower = parseFrameHeader(probe, next);
      if (
        follower &&
        follower.version === header.version &&
        follower.sampleRate === header.sampleRate
      ) {
        return offset;
      }
      if (final && next === probe.length) return offset;
    }
    return undefined;
  }

  function decide(final: boolean): Mp3Verdict {
    const start = findStart(final);
    if (start !== undefined) {
      first = parseFrameHeader(probe, start);
      verdict = 'mp3';
      walk(probe.subarray(start));
      probe = Buffer.alloc(0);
    } else if (final || probe.length >= probeBytes) {
      verdict = 'not_mp3';
    }
    return verdict;
  }

  function feedAudio(chunk: Buffer): Mp3Verdict {
    if (verdict === 'mp3') {
      walk(chunk);
      return verdict;
    }
    probe = Buffer.concat([probe, chunk]);
    return decide(false);
  }

  return {
    write(chunk) {
      if (verdict === 'not_mp3') return verdict;
      if (!tagKnown) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 10) return verdict;
        tagKnown = true;
        tagRemaining = id3v2Length(head);
        chunk = head;
      }
      if (tagRemaining > 0) {
        const skipped = Math.min(tagRemaining, chunk.length);
        tagRemaining -= skipped;
        chunk = chunk.subarray(skipped);
      }
      return chunk.length > 0 ? feedAudio(chunk) : verdict;
    },
    end() {
      if (verdict !== 'undecided') return verdict;
      if (!tagKnown) {
        tagKnown = true;
        probe = head;
      }
      return decide(true);
    },
    facts() {
      const sampleRate = first?.sampleRate ?? 0;
      const durationSec = sampleRate ? samples / sampleRate : 0;
      return {
        frames,
        sampleRate,
        durationSec,
        bitrateKbps: durationSec ? Math.round((audioBytes * 8) / durationSec / 1000) : 0,
      };
    },
  };
}
