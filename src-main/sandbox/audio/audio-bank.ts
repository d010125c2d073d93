import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomHex } from '../ids.ts';
import { splitFrames } from './mp3-frames.ts';
import { encodeMp3 } from './mp3-encoder.ts';
import {
  allPieces,
  audioVersion,
  libraryKbps,
  librarySampleRate,
  mp3FrameBytes,
  type Piece,
} from './pieces.ts';
import { renderPcm } from './synth.ts';

export interface AudioBankStats {
  /** Pieces encoded in this process, and the wall time it took (slices included). */
  encoded: number;
  encodeMs: number;
  /** Pieces read back from the on-disk cache. */
  fromCache: number;
}

/**
 * The rendered pieces, made on first need: PCM (for WAV tracks and the encoder) and MP3 loops.
 * MP3 encodings are kept in a cache folder shared by every sandbox on the machine, keyed by the
 * audio version, so only the very first start ever pays for encoding.
 */
export interface AudioBank {
  pcm(piece: number): Promise<Int16Array>;
  mp3(piece: number): Promise<Buffer>;
  /** Encodes every piece not ready yet (in slices; the event loop stays free). */
  warmUp(): Promise<void>;
  stats(): AudioBankStats;
}

function pieceAt(index: number): Piece {
  const piece = allPieces[index];
  if (!piece) throw new RangeError(`No audio piece ${index}`);
  return piece;
}

function isUsableLoop(bytes: Buffer): boolean {
  try {
    const frames = splitFrames(bytes);
    return frames.length > 0 && frames.every((frame) => frame.header.frameLength === mp3FrameBytes);
  } catch {
    return false;
  }
}

export function createAudioBank(options: {
  cacheDir: string | null;
  signal: AbortSignal;
}): AudioBank {
  const pcmCache = new Map<number, Promise<Int16Array>>();
  const mp3Cache = new Map<number, Promise<Buffer>>();
  const stats: AudioBankStats = { encoded: 0, encodeMs: 0, fromCache: 0 };

  const cachePath = (piece: Piece) =>
    options.cacheDir === null
      ? undefined
      : join(
          options.cacheDir,
          `v${audioVersion}-${piece.name}-${librarySampleRate}-${libraryKbps}k.mp3`,
        );

  function pcm(index: number): Promise<Int16Array> {
    let pending = pcmCache.get(index);
    if (!pending) {
      const piece = pieceAt(index);
      pending = renderPcm(
        piece.notes(),
        piece.seconds,
        librarySampleRate,
        index + 1,
        options.signal,
      );
      pcmCache.set(index, pending);
      // A failed (aborted) render is retried by the next caller.
      pending.catch(() => pcmCache.delete(index));
    }
    return pending;
  }

  async function loadOrEncode(index: number): Promise<Buffer> {
    const piece = pieceAt(index);
    const path = cachePath(piece);
    if (path) {
      const cached = await readFile(path).catch(() => undefined);
      if (cached && isUsableLoop(cached)) {
        stats.fromCache++;
        return cached;
      }
    }
    const started = performance.now();
    const encoded = await encodeMp3(await pcm(index), {
      sampleRate: librarySampleRate,
      kbps: libraryKbps,
      signal: options.signal,
    });
    stats.encoded++;
    stats.encodeMs += performance.now() - started;
    if (!isUsableLoop(encoded))
      throw new Error(`Encoded piece ${piece.name} is not constant-size MP3`);
    if (path && options.cacheDir) {
      // Write-then-rename: parallel sandboxes never see a half-written cache file.
      const temp = `${path}.${randomHex(8)}.tmp`;
      await mkdir(options.cacheDir, { recursive: true })
        .then(() => writeFile(temp, encoded))
        .then(() => rename(temp, path))
        .catch(() => undefined);
    }
    return encoded;
  }

  function mp3(index: number): Promise<Buffer> {
    let pending = mp3Cache.get(index);
    if (!pending) {
      pending = loadOrEncode(index);
      mp3Cache.set(index, pending);
      // A failed encoding is retried by the next caller rather than cached forever.
      pending.catch(() => mp3Cache.delete(index));
    }
    return pending;
  }

  return {
    pcm,
    mp3,
    async warmUp() {
      for (let index = 0; index < allPieces.length; index++) {
        if (options.signal.aborted) return;
        await mp3(index);
      }
    },
    stats: () => ({ ...stats }),
  };
}
