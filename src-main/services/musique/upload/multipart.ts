/**
 * A `multipart/form-data` body streamed from a file on disk: text fields, then the file, read
 * in slices as the connection takes them — a 10 MB upload never sits in memory. Written out by
 * hand (a few lines of framing) rather than through `FormData`, so the exact length is known
 * up front (`Content-Length` lets the server refuse an oversized body before it is sent) and
 * every byte handed to the connection can be counted for the progress bar.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface MultipartFile {
  field: string;
  path: string;
  size: number;
  fileName: string;
  contentType: string;
}

export interface MultipartBody {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  length: number;
  /** Bytes before the file's first byte (fields and the file part's header). */
  headLength: number;
}

const encoder = new TextEncoder();
const sliceBytes = 256 * 1024;

/** Quotes and line breaks cannot appear inside a header value; non-ASCII is kept as UTF-8. */
const quoted = (value: string) => value.replace(/["\r\n\\]/g, '_');

export function multipartBody(
  fields: Record<string, string>,
  file: MultipartFile,
  onBytes: (sent: number) => void,
): MultipartBody {
  const boundary = `----aislecast${randomBytes(12).toString('hex')}`;
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
    );
  }
  const head = encoder.encode(
    `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const length = head.byteLength + file.size + tail.byteLength;

  let sent = 0;
  let reader: AsyncIterator<Buffer> | undefined;
  let stream: ReturnType<typeof createReadStream> | undefined;
  let stage: 'head' | 'file' | 'tail' | 'done' = 'head';
  const count = (bytes: Uint8Array) => {
    sent += bytes.byteLength;
    onBytes(sent);
    return bytes;
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (stage === 'head') {
          stage = 'file';
          controller.enqueue(count(head));
          return;
        }
        if (stage === 'file') {
          stream ??= createReadStream(file.path, { highWaterMark: sliceBytes });
          reader ??= stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
          const next = await reader.next();
          if (!next.done) {
            controller.enqueue(
              count(
                new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength),
              ),
            );
            return;
          }
          stage = 'tail';
        }
        if (stage === 'tail') {
          stage = 'done';
          controller.enqueue(count(tail));
          return;
        }
        controller.close();
      },
      cancel() {
        stream?.destroy();
      },
    },
    // Pull one slice at a time: progress then follows what the connection actually takes.
    { highWaterMark: 0 },
  );
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    headLength: head.byteLength,
  };
}
