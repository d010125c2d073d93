import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import busboy from 'busboy';
import { createMp3Inspector, type Mp3Facts } from '../audio/mp3-inspector.ts';
import type { RequestContext } from '../http/pipeline.ts';
import { SandboxApiError, badRequest } from '../http/reply.ts';
import { randomHex } from '../ids.ts';

export const maxUploadBytes = 10 * 1024 * 1024;
/** Room for multipart framing and text fields when judging a declared Content-Length. */
const framingAllowance = 64 * 1024;
/** After refusing an upload, discard at most this much more of its body, then hang up. */
const maxDrainBytes = 64 * 1024 * 1024;

export interface ReceivedUpload {
  /** The file, complete and checked, under a temporary name. */
  tempPath: string;
  size: number;
  facts: Mp3Facts;
  filename: string;
  fields: Record<string, string>;
}

const tooLarge = () =>
  new SandboxApiError(
    413,
    'file_too_large',
    `The file is larger than the 10 MB limit (${maxUploadBytes} bytes).`,
  );
const notMp3 = () =>
  new SandboxApiError(
    415,
    'unsupported_format',
    'Only MP3 audio is accepted; this file is not MP3 (checked by its content, not its name).',
  );

/**
 * Receives `multipart/form-data` with the audio in a `file` field, streaming it to disk while
 * checking it: at most 10 MB (413 as soon as it is exceeded — or before a byte is read when the
 * declared length already is), and MP3 by content (415 as soon as the first bytes say otherwise).
 * A refused body is drained without being kept, so the client still reads the answer.
 */
export function receiveUpload(ctx: RequestContext, dir: string): Promise<ReceivedUpload> {
  const { req } = ctx;
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    return Promise.reject(
      badRequest('Upload the audio as multipart/form-data, in a field named "file".'),
    );
  }
  if (Number(req.headers['content-length'] ?? 0) > maxUploadBytes + framingAllowance) {
    return Promise.reject(tooLarge());
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { fileSize: maxUploadBytes, files: 5, fields: 20, fieldSize: 64 * 1024, parts: 40 },
    });
  } catch (error) {
    return Promise.reject(badRequest(`Malformed multipart request: ${(error as Error).message}.`));
  }
  ctx.acceptBody();

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    const inspector = createMp3Inspector();
    const tempPath = join(dir, `${randomHex(16)}.part`);
    let out: WriteStream | undefined;
    let filename = '';
    let size = 0;
    let settled = false;
    let fileDone: Promise<void> | undefined;

    const fail = (error: SandboxApiError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      out?.destroy();
      void rm(tempPath, { force: true });
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > maxDrainBytes) req.destroy();
      });
      req.resume();
      reject(error);
    };

    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || settled) {
        stream.resume();
        return;
      }
      if (out) {
        stream.resume();
        fail(badRequest('Send exactly one file, in the field named "file".'));
        return;
      }
      filename = info.filename ?? '';
      const sink = createWriteStream(tempPath);
      out = sink;
      fileDone = new Promise<void>((done, broken) => {
        sink.once('finish', done);
        sink.on('error', broken);
      });
      // A refused upload destroys the sink mid-write; nobody waits for this promise then.
      fileDone.catch(() => undefined);
      stream.on('limit', () => fail(tooLarge()));
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (inspector.write(chunk) === 'not_mp3') {
          fail(notMp3());
          return;
        }
        if (!sink.write(chunk)) {
          stream.pause();
          sink.once('drain', () => stream.resume());
        }
      });
      stream.on('end', () => {
        if (!settled) sink.end();
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(badRequest(`The field "${name}" is too long.`));
      else if (!(name in fields)) fields[name] = value;
    });
    parser.on('error', (error: Error) =>
      fail(badRequest(`Malformed multipart body: ${error.message}.`)),
    );
    parser.on('close', () => {
      if (settled) return;
      if (!out || !fileDone) {
        fail(badRequest('Missing file: upload the MP3 in a multipart field named "file".'));
        return;
      }
      fileDone.then(
        () => {
          if (settled) return;
          if (size === 0) return fail(badRequest('The uploaded file is empty.'));
          if (inspector.end() !== 'mp3') return fail(notMp3());
          settled = true;
          resolve({ tempPath, size, facts: inspector.facts(), filename, fields });
        },
        (error: Error) =>
          fail(new SandboxApiError(503, 'service_unavailable', `Storage failed: ${error.message}`)),
      );
    });
    req.on('close', () => {
      // The client hung up before the body was complete: nothing to answer, just clean up.
      if (!settled && !req.complete) {
        settled = true;
        out?.destroy();
        void rm(tempPath, { force: true });
        reject(new SandboxApiError(400, 'invalid_request', 'The upload was interrupted.'));
      }
    });
    req.pipe(parser);
  });
}
